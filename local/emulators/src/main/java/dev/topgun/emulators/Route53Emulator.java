package dev.topgun.emulators;

import com.sun.net.httpserver.HttpServer;
import dev.topgun.emulators.route53.DnsServer;
import dev.topgun.emulators.route53.HostedZones;
import dev.topgun.emulators.route53.Route53Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local Route 53 on loopback ports of its own, for tests of code that writes or resolves DNS
 * (the local runtime serves the same API on its main port and the same name server on {@code
 * TOPGUN_DNS_PORT}): the REST API on a free HTTP port, and its name server, UDP and TCP, on a free
 * port. Zones live in a temporary directory.
 */
public final class Route53Emulator implements AutoCloseable {

  private final HttpServer http;
  private final ExecutorService workers;
  private final DnsServer dns;
  private final HostedZones zones;

  private Route53Emulator(
      HttpServer http, ExecutorService workers, DnsServer dns, HostedZones zones) {
    this.http = http;
    this.workers = workers;
    this.dns = dns;
    this.zones = zones;
  }

  public static Route53Emulator start() {
    HostedZones zones;
    try {
      zones = HostedZones.open(Files.createTempDirectory("topgun-route53-"));
    } catch (IOException e) {
      throw new UncheckedIOException("The Route 53 emulator has no data directory", e);
    }
    DnsServer dns = DnsServer.start(0, zones::served);
    try {
      Route53Api api = new Route53Api(zones);
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService workers =
          Executors.newFixedThreadPool(
              4,
              task -> {
                Thread thread = new Thread(task, "route53-emulator");
                thread.setDaemon(true);
                return thread;
              });
      http.setExecutor(workers);
      http.createContext(
          "/",
          exchange -> {
            try (exchange) {
              api.handle(exchange);
            }
          });
      http.start();
      return new Route53Emulator(http, workers, dns, zones);
    } catch (IOException | RuntimeException e) {
      dns.close();
      throw new IllegalStateException("The Route 53 emulator did not start", e);
    }
  }

  /** The Route 53 API, for {@code endpointOverride} ({@code topgun.endpoints.route53}). */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /** The name server's port on 127.0.0.1, UDP and TCP ({@code topgun.dns.resolver}). */
  public int dnsPort() {
    return dns.port();
  }

  /** {@code 127.0.0.1:<dns port>}, as {@code topgun.dns.resolver} takes it. */
  public String dnsResolver() {
    return "127.0.0.1:" + dns.port();
  }

  /** The zones, for tests that set records up without going through the API. */
  public HostedZones zones() {
    return zones;
  }

  @Override
  public void close() {
    http.stop(0);
    workers.shutdownNow();
    dns.close();
  }
}
