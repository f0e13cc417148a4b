package dev.topgun.shared.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The test application on Micronaut's Netty server, called over real HTTP. */
public final class NettyTransport implements Transport {

  private final EmbeddedServer server;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public NettyTransport(Map<String, Object> properties) {
    this.server = ApplicationContext.run(EmbeddedServer.class, properties);
  }

  @Override
  public String name() {
    return "netty";
  }

  @Override
  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  @Override
  public Reply send(Call call) {
    HttpRequest.BodyPublisher body =
        call.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.getURL() + call.target()))
            .timeout(Duration.ofSeconds(30))
            .method(call.method(), body);
    call.headers().forEach(request::header);
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.getApplicationContext().close();
  }

  @Override
  public String toString() {
    return name();
  }
}
