package dev.topgun.shared.realtime;

import static dev.topgun.shared.json.JsonMembers.text;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event of an API Gateway WebSocket API, as its Lambda integration receives it: a client
 * connected ({@code $connect}, with the query string of the upgrade request), sent a message (the
 * route its {@code action} selected, with the body), or went away ({@code $disconnect}).
 *
 * @param routeKey {@code $connect}, {@code $disconnect}, {@code $default} or a route such as {@code
 *     subscribe}
 * @param eventType CONNECT, MESSAGE or DISCONNECT
 * @param connectionId the connection's id, the address of {@code @connections} posts
 * @param query the upgrade request's query parameters ({@code $connect} only)
 * @param body the message ({@code MESSAGE} only)
 * @param sourceIp the client's address as API Gateway saw it
 */
public record WebSocketEvent(
    String routeKey,
    Type eventType,
    String connectionId,
    Map<String, String> query,
    @Nullable String body,
    @Nullable String sourceIp) {

  public enum Type {
    CONNECT,
    MESSAGE,
    DISCONNECT
  }

  public WebSocketEvent {
    Objects.requireNonNull(routeKey, "routeKey");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(connectionId, "connectionId");
    query = query == null ? Map.of() : Map.copyOf(query);
  }

  /** Whether {@code payload} is a WebSocket API event ({@code requestContext.connectionId}). */
  public static boolean isWebSocketEvent(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      return false;
    }
    JsonNode context = payload.get("requestContext");
    return context != null
        && context.isObject()
        && text(context, "connectionId") != null
        && text(context, "eventType") != null
        && text(context, "routeKey") != null;
  }

  public static WebSocketEvent of(JsonNode payload) {
    JsonNode context = payload.get("requestContext");
    Map<String, String> query = new LinkedHashMap<>();
    JsonNode parameters = payload.get("queryStringParameters");
    if (parameters != null && parameters.isObject()) {
      for (Map.Entry<String, JsonNode> parameter : parameters.entries()) {
        if (parameter.getValue().isString()) {
          query.put(parameter.getKey(), parameter.getValue().getStringValue());
        }
      }
    }
    JsonNode identity = context.get("identity");
    return new WebSocketEvent(
        text(context, "routeKey"),
        Type.valueOf(text(context, "eventType")),
        text(context, "connectionId"),
        query,
        text(payload, "body"),
        identity == null ? null : text(identity, "sourceIp"));
  }
}
