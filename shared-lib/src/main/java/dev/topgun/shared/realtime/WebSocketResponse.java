package dev.topgun.shared.realtime;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A WebSocket route's answer, in the shape API Gateway reads from a Lambda integration. */
@Serdeable
public record WebSocketResponse(int statusCode, @Nullable String body) {

  public static WebSocketResponse ok() {
    return new WebSocketResponse(200, null);
  }

  public static WebSocketResponse status(int statusCode, String body) {
    return new WebSocketResponse(statusCode, body);
  }
}
