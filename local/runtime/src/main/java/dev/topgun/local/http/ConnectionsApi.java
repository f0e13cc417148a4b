package dev.topgun.local.http;

import com.sun.net.httpserver.HttpExchange;
import dev.topgun.emulators.Json;
import dev.topgun.local.realtime.LocalWebSocketApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WebSocket API's management API, {@code @connections}: {@code POST /@connections/{id}} sends
 * the body to the client, {@code GET} describes the connection, {@code DELETE} closes it; a
 * connection that is not open answers {@code 410 GoneException}, as API Gateway's does, so that the
 * SDK's {@code ApiGatewayManagementApiClient} works against it with an endpoint override.
 */
final class ConnectionsApi {

  static final Pattern PATH = Pattern.compile("^/@connections/([^/]+)$");

  /** API Gateway's limit on one message. */
  static final int MAX_MESSAGE_BYTES = 128 * 1024;

  private final LocalWebSocketApi webSocket;

  ConnectionsApi(LocalWebSocketApi webSocket) {
    this.webSocket = webSocket;
  }

  static boolean accepts(HttpExchange exchange) {
    return exchange.getRequestURI().getRawPath().startsWith("/@connections/");
  }

  void handle(HttpExchange exchange) throws IOException {
    Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
    Map<String, List<String>> headers =
        Map.of("x-amzn-RequestId", List.of(UUID.randomUUID().toString()));
    if (!path.matches()) {
      error(exchange, 404, "NotFoundException", "No such resource");
      return;
    }
    String connectionId = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
    switch (exchange.getRequestMethod()) {
      case "POST" -> {
        byte[] data;
        try (InputStream in = exchange.getRequestBody()) {
          data = in.readNBytes(MAX_MESSAGE_BYTES + 1);
        }
        if (data.length > MAX_MESSAGE_BYTES) {
          error(exchange, 413, "PayloadTooLargeException", "Message too long");
        } else if (webSocket.post(connectionId, data)) {
          Responses.send(exchange, 200, null, new byte[0], headers);
        } else {
          gone(exchange);
        }
      }
      case "DELETE" -> {
        if (webSocket.delete(connectionId)) {
          Responses.send(exchange, 204, null, new byte[0], headers);
        } else {
          gone(exchange);
        }
      }
      case "GET" -> {
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> info =
            webSocket.info(connectionId);
        if (info.isPresent()) {
          Responses.send(exchange, 200, "application/json", Json.bytes(info.get()), headers);
        } else {
          gone(exchange);
        }
      }
      default -> error(exchange, 405, "MethodNotAllowedException", "Use POST, GET or DELETE");
    }
  }

  private static void gone(HttpExchange exchange) throws IOException {
    error(exchange, 410, "GoneException", null);
  }

  private static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    Responses.send(
        exchange,
        status,
        "application/json",
        Json.bytes(message == null ? Map.of() : Map.of("message", message)),
        Map.of(
            "x-amzn-ErrorType", List.of(type),
            "x-amzn-RequestId", List.of(UUID.randomUUID().toString())));
  }
}
