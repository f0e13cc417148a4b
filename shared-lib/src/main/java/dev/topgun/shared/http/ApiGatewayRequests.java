package dev.topgun.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.micronaut.core.reflect.ClassUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;
import java.util.Optional;

/**
 * What only an API Gateway proxy event knows about a request. The Lambda adapter is on the
 * classpath of every function but not of every consumer of this library, so its classes are touched
 * only after checking that they are there.
 */
final class ApiGatewayRequests {

  private static final boolean PRESENT =
      ClassUtils.isPresent(
              "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent",
              ApiGatewayRequests.class.getClassLoader())
          && ClassUtils.isPresent(
              "io.micronaut.servlet.http.ServletHttpRequest",
              ApiGatewayRequests.class.getClassLoader());

  private ApiGatewayRequests() {}

  /** The id API Gateway gave the request ({@code requestContext.requestId}). */
  static Optional<String> requestId(HttpRequest<?> request) {
    return PRESENT ? Event.requestId(request) : Optional.empty();
  }

  /** The client address API Gateway saw ({@code requestContext.identity.sourceIp}). */
  static Optional<String> sourceIp(HttpRequest<?> request) {
    return PRESENT ? Event.sourceIp(request) : Optional.empty();
  }

  /** Loaded only when the event classes are present. */
  private static final class Event {
    static Optional<String> sourceIp(HttpRequest<?> request) {
      if (request instanceof ServletHttpRequest<?, ?> servlet
          && servlet.getNativeRequest() instanceof APIGatewayProxyRequestEvent event
          && event.getRequestContext() != null
          && event.getRequestContext().getIdentity() != null) {
        return Optional.ofNullable(event.getRequestContext().getIdentity().getSourceIp())
            .filter(ip -> !ip.isBlank());
      }
      return Optional.empty();
    }

    static Optional<String> requestId(HttpRequest<?> request) {
      if (request instanceof ServletHttpRequest<?, ?> servlet
          && servlet.getNativeRequest() instanceof APIGatewayProxyRequestEvent event
          && event.getRequestContext() != null) {
        return Optional.ofNullable(event.getRequestContext().getRequestId());
      }
      return Optional.empty();
    }
  }
}
