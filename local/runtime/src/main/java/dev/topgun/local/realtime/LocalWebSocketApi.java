package dev.topgun.local.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.Json;
import dev.topgun.local.lambda.Invocation;
import dev.topgun.local.lambda.Invoker;
import dev.topgun.shared.routes.WebSocketApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket API of the route table, served as API Gateway serves one: every connection gets an
 * id; its upgrade request is the {@code $connect} route, whose function must answer 2xx for the
 * connection to open (its status refuses it otherwise); each text message goes to the route its
 * {@code action} selects (else {@code $default}), one at a time per connection; a closed
 * connection is the {@code $disconnect} route. The function answers clients through the {@code
 * @connections} API ({@link #post}, {@link #delete}, {@link #info}), as in AWS.
 */
public final class LocalWebSocketApi implements WebSocketCreator {

  private static final Logger LOG = LoggerFactory.getLogger(LocalWebSocketApi.class);
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** API Gateway closes a connection idle for 10 minutes. */
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

  private final WebSocketApi api;
  private final Invoker invoker;
  private final Executor executor;
  private final Clock clock;
  private final String stage;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, LocalConnection> connections = new ConcurrentHashMap<>();

  public LocalWebSocketApi(
      WebSocketApi api, Invoker invoker, Executor executor, Clock clock, String stage) {
    this.api = api;
    this.invoker = invoker;
    this.executor = executor;
    this.clock = clock;
    this.stage = stage;
  }

  public WebSocketApi api() {
    return api;
  }

  /** The upgrade request: {@code $connect}, answered by the function before the socket opens. */
  @Override
  public Object createWebSocket(
      ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
    String connectionId = newConnectionId();
    Instant connectedAt = clock.instant();
    String sourceIp = Request.getRemoteAddr(request);
    String userAgent = request.getHeaders().get("User-Agent");
    ObjectNode event =
        event(WebSocketApi.CONNECT, "CONNECT", connectionId, connectedAt, sourceIp, userAgent);
    ObjectNode single = event.putObject("queryStringParameters");
    ObjectNode multi = event.putObject("multiValueQueryStringParameters");
    for (Fields.Field parameter : Request.extractQueryParameters(request)) {
      List<String> values = parameter.getValues();
      single.put(parameter.getName(), values.get(values.size() - 1));
      values.forEach(multi.putArray(parameter.getName())::add);
    }
    ObjectNode headers = event.putObject("headers");
    request.getHeaders().forEach(field -> headers.put(field.getName(), field.getValue()));
    int status = statusOf(invoke(event));
    if (status < 200 || status > 299) {
      LOG.info("websocket {}: $connect refused with {}", connectionId, status);
      Response.writeError(
          request, response, callback, status == 0 ? HttpStatus.INTERNAL_SERVER_ERROR_500 : status);
      return null;
    }
    LocalConnection connection =
        new LocalConnection(this, connectionId, connectedAt, sourceIp, userAgent);
    connections.put(connectionId, connection);
    return connection;
  }

  /** A text message from a client: its route, on the connection's own queue. */
  void message(LocalConnection connection, String text) {
    String action = null;
    try {
      JsonNode body = Json.parse(text.getBytes(StandardCharsets.UTF_8));
      action = body.path("action").isTextual() ? body.get("action").asText() : null;
    } catch (IOException e) {
      // Not JSON: API Gateway routes it to $default.
    }
    ObjectNode event =
        event(
            api.routeFor(action),
            "MESSAGE",
            connection.id(),
            connection.connectedAt(),
            connection.sourceIp(),
            connection.userAgent());
    event.put("body", text);
    event.put("isBase64Encoded", false);
    connection.enqueue(executor, () -> invoke(event));
  }

  /** The client went away (or was closed): {@code $disconnect}. */
  void closed(LocalConnection connection) {
    if (connections.remove(connection.id()) == null) {
      return;
    }
    ObjectNode event =
        event(
            WebSocketApi.DISCONNECT,
            "DISCONNECT",
            connection.id(),
            connection.connectedAt(),
            connection.sourceIp(),
            connection.userAgent());
    connection.enqueue(executor, () -> invoke(event));
  }

  /** {@code POST @connections/{id}}: false when no such connection is open (410 Gone). */
  public boolean post(String connectionId, byte[] data) {
    LocalConnection connection = connections.get(connectionId);
    if (connection == null || !connection.isOpen()) {
      return false;
    }
    return connection.send(new String(data, StandardCharsets.UTF_8));
  }

  /** {@code DELETE @connections/{id}}: false when no such connection is open. */
  public boolean delete(String connectionId) {
    LocalConnection connection = connections.get(connectionId);
    if (connection == null) {
      return false;
    }
    connection.close();
    return true;
  }

  /** {@code GET @connections/{id}}: API Gateway's answer, or empty when gone. */
  public Optional<ObjectNode> info(String connectionId) {
    LocalConnection connection = connections.get(connectionId);
    if (connection == null) {
      return Optional.empty();
    }
    ObjectNode info = Json.MAPPER.createObjectNode();
    info.put("ConnectedAt", DateTimeFormatter.ISO_INSTANT.format(connection.connectedAt()));
    ObjectNode identity = info.putObject("Identity");
    identity.put("SourceIp", connection.sourceIp());
    if (connection.userAgent() != null) {
      identity.put("UserAgent", connection.userAgent());
    }
    info.put("LastActiveAt", DateTimeFormatter.ISO_INSTANT.format(connection.lastActiveAt()));
    return Optional.of(info);
  }

  /** Open connections (for tests and the banner). */
  public int openConnections() {
    return connections.size();
  }

  /** Closes every connection (the runtime stops). */
  public void closeAll() {
    connections.values().forEach(LocalConnection::close);
  }

  Clock clock() {
    return clock;
  }

  private Invocation invoke(ObjectNode event) {
    try {
      Invocation result = invoker.invoke(api.function(), Json.bytes(event));
      if (result.failed()) {
        LOG.warn(
            "websocket route {}: {} failed: {}",
            event.path("requestContext").path("routeKey").asText(),
            api.function(),
            result.payloadText());
      }
      return result;
    } catch (RuntimeException e) {
      LOG.warn("websocket: invoking {} failed: {}", api.function(), e.toString());
      return Invocation.failed(Json.bytes(Map.of("errorMessage", e.toString())));
    }
  }

  private static int statusOf(Invocation result) {
    if (result.failed()) {
      return 500;
    }
    try {
      JsonNode answer = Json.parse(result.payload());
      return answer.path("statusCode").isInt() ? answer.get("statusCode").asInt() : 200;
    } catch (IOException e) {
      return 200;
    }
  }

  private ObjectNode event(
      String routeKey,
      String eventType,
      String connectionId,
      Instant connectedAt,
      String sourceIp,
      String userAgent) {
    Instant now = clock.instant();
    ObjectNode event = Json.MAPPER.createObjectNode();
    ObjectNode context = event.putObject("requestContext");
    context.put("routeKey", routeKey);
    context.put("eventType", eventType);
    context.put("extendedRequestId", UUID.randomUUID().toString());
    context.put("requestTime", REQUEST_TIME.format(now));
    context.put("messageDirection", "IN");
    context.put("stage", stage);
    context.put("connectedAt", connectedAt.toEpochMilli());
    context.put("requestTimeEpoch", now.toEpochMilli());
    ObjectNode identity = context.putObject("identity");
    identity.put("sourceIp", sourceIp);
    if (userAgent != null) {
      identity.put("userAgent", userAgent);
    }
    context.put("requestId", UUID.randomUUID().toString());
    context.put("domainName", "localhost");
    context.put("connectionId", connectionId);
    context.put("apiId", "local");
    return event;
  }

  /**
   * A connection id shaped like API Gateway's ({@code L0SM9cOFvHcCIhw=}: ten random bytes in
   * base64), in the URL-safe alphabet, so that it never holds a {@code /} — which the {@code
   * @connections} path would carry encoded, and which Jetty rightly refuses in a path.
   */
  private String newConnectionId() {
    byte[] bytes = new byte[10];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().encodeToString(bytes);
  }
}
