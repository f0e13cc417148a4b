package dev.topgun.platform.api;

import static dev.topgun.shared.json.JsonMembers.text;

import dev.topgun.platform.domain.RealtimeService;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.realtime.WebSocketEvent;
import dev.topgun.shared.realtime.WebSocketResponse;
import dev.topgun.shared.realtime.WebSocketRoutes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;

/**
 * The WebSocket API ({@code /v1/realtime}): {@code $connect} with {@code ?token=<Cognito token>}
 * (browsers cannot set headers on a WebSocket), then {@code {"action":"subscribe",
 * "organizationId":"…"}} and {@code unsubscribe}; {@code $disconnect}.
 */
@Singleton
@Requires(property = "topgun.realtime.endpoint")
public class RealtimeRoutes implements WebSocketRoutes {

  private final RealtimeService realtime;
  private final JsonMapper json;

  public RealtimeRoutes(RealtimeService realtime, JsonMapper json) {
    this.realtime = realtime;
    this.json = json;
  }

  @Override
  public WebSocketResponse handle(WebSocketEvent event) {
    return switch (event.eventType()) {
      case CONNECT ->
          realtime.connect(event.connectionId(), Optional.ofNullable(event.query().get("token")))
                  == RealtimeService.Connection.ACCEPTED
              ? WebSocketResponse.ok()
              : WebSocketResponse.status(401, "A valid sign-in token is needed: ?token=<token>");
      case DISCONNECT -> {
        realtime.disconnect(event.connectionId());
        yield WebSocketResponse.ok();
      }
      case MESSAGE -> message(event);
    };
  }

  private WebSocketResponse message(WebSocketEvent event) {
    JsonNode body;
    try {
      body = event.body() == null ? null : json.readValue(event.body(), JsonNode.class);
    } catch (IOException e) {
      body = null;
    }
    String action = text(body, "action");
    String organizationId = text(body, "organizationId");
    RealtimeService.Action parsed =
        "subscribe".equals(action)
            ? RealtimeService.Action.SUBSCRIBE
            : "unsubscribe".equals(action) ? RealtimeService.Action.UNSUBSCRIBE : null;
    if (parsed == null) {
      realtime.badRequest(
          event.connectionId(),
          "A message is JSON {\"action\": \"subscribe\"|\"unsubscribe\", \"organizationId\": …}");
    } else if (organizationId == null || !Ids.isValid(organizationId)) {
      realtime.badRequest(event.connectionId(), "organizationId must be an organization's id");
    } else {
      realtime.request(event.connectionId(), parsed, organizationId);
    }
    return WebSocketResponse.ok();
  }
}
