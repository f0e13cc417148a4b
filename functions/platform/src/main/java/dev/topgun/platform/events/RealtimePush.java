package dev.topgun.platform.events;

import static dev.topgun.shared.json.JsonMembers.text;

import dev.topgun.platform.domain.RealtimeService;
import dev.topgun.shared.events.EventConsumer;
import dev.topgun.shared.events.ReceivedEvent;
import dev.topgun.shared.metrics.FunctionMetrics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Every Topgun event about an organization, pushed to the console's subscribers (rule {@code
 * realtime-push} in {@code event-rules.json}); events that change who may read what (a membership
 * removed or changed, an organization deleted or moved) also re-check the subscriptions they touch.
 * Fed by the outbox through the bus, so a change is pushed only after it committed.
 */
@Singleton
@Requires(property = "topgun.realtime.endpoint")
public class RealtimePush implements EventConsumer {

  static final String SOURCE_PREFIX = "topgun.";
  static final Set<String> MEMBERSHIP_CHANGES = Set.of("MemberRemoved", "MemberUpdated");
  static final Set<String> TREE_CHANGES = Set.of("OrganizationDeleted", "OrganizationMoved");

  private final RealtimeService realtime;
  private final JsonMapper json;

  public RealtimePush(RealtimeService realtime, JsonMapper json) {
    this.realtime = realtime;
    this.json = json;
  }

  @Override
  public String source() {
    return SOURCE_PREFIX + "*";
  }

  @Override
  public Set<String> detailTypes() {
    return Set.of("*");
  }

  @Override
  public boolean takes(String source, String detailType) {
    return source.startsWith(SOURCE_PREFIX);
  }

  @Override
  public void accept(ReceivedEvent event) {
    JsonNode envelope;
    try {
      envelope = json.readValue(event.detailJson(), JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException("The detail of event " + event.id() + " is not JSON", e);
    }
    String organizationId = text(envelope, "organizationId");
    if (organizationId == null) {
      return;
    }
    if (MEMBERSHIP_CHANGES.contains(event.detailType())) {
      JsonNode data = envelope.get("data");
      String userId = data == null ? null : text(data, "userId");
      if (userId != null) {
        realtime.recheckUser(userId);
      }
    } else if (TREE_CHANGES.contains(event.detailType())) {
      realtime.recheckOrganization(organizationId);
    }
    int sent =
        realtime.push(
            new RealtimeService.Notice(
                event.detailType(),
                event.eventId(),
                organizationId,
                text(envelope, "occurredAt"),
                envelope.get("version") != null && envelope.get("version").isNumber()
                    ? envelope.get("version").getIntValue()
                    : 1));
    FunctionMetrics.record("RealtimeNoticesSent", sent);
  }
}
