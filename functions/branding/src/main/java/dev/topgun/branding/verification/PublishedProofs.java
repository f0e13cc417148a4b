package dev.topgun.branding.verification;

import dev.topgun.branding.domain.Proofs;
import dev.topgun.shared.dns.DnsLookupFailedException;
import dev.topgun.shared.dns.DnsNameNotFoundException;
import dev.topgun.shared.dns.DnsNoDataException;
import dev.topgun.shared.dns.DnsResolver;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for proofs where their owners publish them: TXT records through the configured resolver
 * (locally the runtime's DNS server, answering the local Route 53's zones), and the HTTP file.
 *
 * <p>The HTTP check fetches a URL a tenant chose, so it is a request forgery risk: the hostname is
 * resolved through the same resolver, every address must be public (loopback and private ranges
 * only where {@code topgun.branding.http-proof.allow-private} is set, as the local runtime does),
 * and the request goes to the address that was checked — a plain HTTP/1.1 GET on a socket, since
 * the JDK's HTTP client cannot be pinned to an address — with short timeouts, no redirects, and at
 * most 4 KiB read.
 */
@Singleton
public class PublishedProofs implements Proofs {

  private static final Logger LOG = LoggerFactory.getLogger(PublishedProofs.class);
  private static final int TIMEOUT_MILLIS = 3000;
  private static final int MAX_BYTES = 4096;

  private final BeanProvider<DnsResolver> resolvers;
  private final boolean allowPrivate;
  private volatile DnsResolver resolver;

  /**
   * @param resolvers the resolver, taken at the first lookup (a cold start that checks no proof
   *     does not read the resolver's configuration)
   */
  public PublishedProofs(
      BeanProvider<DnsResolver> resolvers,
      @Value("${topgun.branding.http-proof.allow-private:false}") boolean allowPrivate) {
    this.resolvers = resolvers;
    this.allowPrivate = allowPrivate;
  }

  /** The resolver, taken at the first lookup and kept. */
  private DnsResolver dns() {
    DnsResolver taken = resolver;
    if (taken == null) {
      taken = resolvers.get();
      resolver = taken;
    }
    return taken;
  }

  @Override
  public boolean txtHolds(String name, String value) {
    try {
      return dns().txt(name).stream().map(PublishedProofs::unquoted).anyMatch(value::equals);
    } catch (DnsNameNotFoundException | DnsNoDataException e) {
      return false;
    } catch (DnsLookupFailedException e) {
      LOG.warn("TXT lookup of {} failed: {}", name, e.getMessage());
      return false;
    }
  }

  @Override
  public boolean httpServes(String url, String body) {
    URI uri = URI.create(url);
    List<InetAddress> addresses = addresses(uri.getHost());
    for (InetAddress address : addresses) {
      if (!allowed(address)) {
        LOG.warn(
            "HTTP proof of {} not fetched: {} is not a public address", uri.getHost(), address);
        return false;
      }
    }
    for (InetAddress address : addresses) {
      String served = fetch(address, uri);
      if (served != null) {
        return served.strip().equals(body);
      }
    }
    return false;
  }

  private List<InetAddress> addresses(String host) {
    List<InetAddress> addresses = new ArrayList<>();
    try {
      for (String a : dns().a(host)) {
        addresses.add(InetAddress.getByName(a));
      }
    } catch (DnsNameNotFoundException | DnsNoDataException | DnsLookupFailedException e) {
      return List.of();
    } catch (IOException e) {
      return List.of();
    }
    return addresses;
  }

  private boolean allowed(InetAddress address) {
    boolean local =
        address.isLoopbackAddress()
            || address.isSiteLocalAddress()
            || address.isLinkLocalAddress()
            || address.isAnyLocalAddress()
            || address.isMulticastAddress()
            || (address.getAddress().length == 4
                && (address.getAddress()[0] & 0xff) == 100
                && (address.getAddress()[1] & 0xc0) == 64);
    return allowPrivate ? !address.isMulticastAddress() && !address.isAnyLocalAddress() : !local;
  }

  /** A TXT string as published: surrounding whitespace and one pair of quotes do not count. */
  static String unquoted(String txt) {
    String s = txt.strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1).strip()
        : s;
  }

  /** The body of a 200 answer, or null. */
  private static String fetch(InetAddress address, URI uri) {
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + uri.getRawPath()
                  + " HTTP/1.1\r\nHost: "
                  + uri.getHost()
                  + "\r\nAccept: text/plain\r\nConnection: close\r\nUser-Agent: domain-verification\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] buffer = new byte[1024];
      int n;
      while (read.size() < MAX_BYTES && (n = in.read(buffer)) > 0) {
        read.write(buffer, 0, Math.min(n, MAX_BYTES - read.size()));
      }
      String answer = read.toString(StandardCharsets.UTF_8);
      int end = answer.indexOf("\r\n\r\n");
      if (!answer.startsWith("HTTP/1.") || end < 0) {
        return null;
      }
      String status = answer.substring(0, answer.indexOf("\r\n"));
      if (!status.matches("HTTP/1\\.[01] 200( .*)?")) {
        return null;
      }
      String head = answer.substring(0, end).toLowerCase(java.util.Locale.ROOT);
      if (head.contains("transfer-encoding: chunked")) {
        return null;
      }
      return answer.substring(end + 4);
    } catch (IOException e) {
      return null;
    }
  }
}
