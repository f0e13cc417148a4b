package dev.topgun.shared.http;

import io.micronaut.http.HttpRequest;
import java.net.InetSocketAddress;
import java.util.Optional;

/** Where a request came from, for audit entries and rate limits. */
public final class RequestOrigin {

  private RequestOrigin() {}

  /**
   * The client's IP address: what API Gateway saw when the request came through it, else the
   * connection's peer (the HTTP server in tests). Never a client-supplied header such as {@code
   * X-Forwarded-For}, which anyone can forge.
   */
  public static Optional<String> sourceIp(HttpRequest<?> request) {
    return ApiGatewayRequests.sourceIp(request)
        .or(
            () -> {
              InetSocketAddress remote = request.getRemoteAddress();
              return remote == null || remote.getAddress() == null
                  ? Optional.empty()
                  : Optional.of(remote.getAddress().getHostAddress());
            });
  }
}
