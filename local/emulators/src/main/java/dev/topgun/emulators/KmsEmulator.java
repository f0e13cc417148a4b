package dev.topgun.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.topgun.emulators.kms.LocalKms;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * {@link LocalKms} on a loopback port of its own, for tests of functions that seal secrets (the
 * local runtime serves the same KMS on its main port): the AWS JSON 1.1 protocol, {@code POST /}
 * with {@code X-Amz-Target: TrentService.<operation>}, as the SDK's {@code KmsClient} sends it.
 * Keys live in a temporary directory.
 */
public final class KmsEmulator implements AutoCloseable {

  static final String TARGET_PREFIX = "TrentService.";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final HttpServer server;

  private KmsEmulator(HttpServer server) {
    this.server = server;
  }

  /** Starts on a free loopback port with a fresh key ring holding {@code alias/topgun}. */
  public static KmsEmulator start() {
    try {
      Path dir = Files.createTempDirectory("topgun-kms-");
      LocalKms kms = LocalKms.open(dir, "us-east-1", "000000000000");
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(Executors.newFixedThreadPool(4, daemon()));
      server.createContext("/", exchange -> respond(kms, exchange));
      server.start();
      return new KmsEmulator(server);
    } catch (IOException e) {
      throw new UncheckedIOException("The KMS emulator did not start", e);
    }
  }

  private static void respond(LocalKms kms, com.sun.net.httpserver.HttpExchange exchange)
      throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    int status = 200;
    byte[] body;
    try {
      if (!"POST".equals(exchange.getRequestMethod())
          || target == null
          || !target.startsWith(TARGET_PREFIX)) {
        throw new AwsError(400, "UnknownOperationException", "Not a KMS request.");
      }
      JsonNode request;
      try (InputStream in = exchange.getRequestBody()) {
        request = Json.parse(in.readAllBytes());
      } catch (IOException e) {
        throw new AwsError(400, "SerializationException", "Request body is not JSON.");
      }
      body = Json.bytes(kms.handle(target.substring(TARGET_PREFIX.length()), request));
    } catch (AwsError e) {
      status = e.status();
      body = e.jsonBody();
    }
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "kms-emulator");
      thread.setDaemon(true);
      return thread;
    };
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
