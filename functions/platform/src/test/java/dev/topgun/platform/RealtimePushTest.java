package dev.topgun.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.platform.RealtimeServiceTest.FakeAccess;
import dev.topgun.platform.RealtimeServiceTest.FakeClients;
import dev.topgun.platform.RealtimeServiceTest.FakeConnections;
import dev.topgun.platform.domain.RealtimeService;
import dev.topgun.platform.domain.RealtimeService.Action;
import dev.topgun.platform.events.RealtimePush;
import dev.topgun.shared.events.ReceivedEvent;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The push consumer reads organizations' events as organizations publishes them: from the
 * producer's own contract fixtures (functions/organizations/src/test/resources/events/), which
 * organizations' tests pin to its event records.
 */
class RealtimePushTest {

  static final Path ORGANIZATIONS_EVENTS =
      Path.of("..", "organizations", "src", "test", "resources", "events");

  private final FakeConnections connections = new FakeConnections();
  private final FakeAccess access = new FakeAccess();
  private final FakeClients clients = new FakeClients();
  private final RealtimeService realtime =
      new RealtimeService(
          connections,
          access,
          clients,
          token -> Optional.of(token),
          Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC));
  private final RealtimePush push = new RealtimePush(realtime, JsonMapper.createDefault());

  static ReceivedEvent fixture(String detailType) throws IOException {
    String detail = Files.readString(ORGANIZATIONS_EVENTS.resolve(detailType + "-v1.json"));
    return new ReceivedEvent(
        "eventbridge-id", "topgun.organizations", detailType, Instant.EPOCH, List.of(), detail);
  }

  @Test
  void everyTopgunSource_isTaken_andNothingElse() {
    assertThat(push.takes("topgun.organizations", "OrganizationUpdated")).isTrue();
    assertThat(push.takes("topgun.billing", "InvoicePaid")).isTrue();
    assertThat(push.takes("aws.events", "Scheduled Event")).isFalse();
  }

  @Test
  void anOrganizationsEvent_isPushedToItsSubscribers_withItsEnvelopeIdAndNoData()
      throws IOException {
    // given
    ReceivedEvent updated = fixture("OrganizationUpdated");
    String org =
        JsonMapper.createDefault()
            .readValue(updated.detailJson(), Map.class)
            .get("organizationId")
            .toString();
    realtime.connect("c1", Optional.of("ann"));
    access.readable.add("ann@" + org);
    realtime.request("c1", Action.SUBSCRIBE, org);

    // when
    push.accept(updated);

    // then
    Map<String, Object> notice = clients.sent.get("c1").get(1);
    assertThat(notice)
        .containsEntry("type", "event")
        .containsEntry("eventType", "OrganizationUpdated")
        .containsEntry("eventId", updated.eventId())
        .containsEntry("organizationId", org)
        .doesNotContainKey("data");
  }

  @Test
  void aMemberRemoved_closesTheRemovedUsersSubscriptionsThatLostAccess() throws IOException {
    // given: the fixture's member, subscribed to the fixture's organization
    ReceivedEvent removed = fixture("MemberRemoved");
    @SuppressWarnings("unchecked")
    Map<String, Object> envelope =
        JsonMapper.createDefault().readValue(removed.detailJson(), Map.class);
    String org = (String) envelope.get("organizationId");
    @SuppressWarnings("unchecked")
    String userId = (String) ((Map<String, Object>) envelope.get("data")).get("userId");
    realtime.connect("c1", Optional.of(userId));
    access.readable.add(userId + "@" + org);
    realtime.request("c1", Action.SUBSCRIBE, org);
    access.readable.remove(userId + "@" + org);

    // when
    push.accept(removed);

    // then
    assertThat(clients.types("c1")).containsExactly("subscribed", "subscription_closed");
    assertThat(clients.disconnected).containsExactly("c1");
  }

  @Test
  void anOrganizationDeleted_closesItsSubscriptionsThatLostAccess() throws IOException {
    // given
    ReceivedEvent deleted = fixture("OrganizationDeleted");
    String org =
        JsonMapper.createDefault()
            .readValue(deleted.detailJson(), Map.class)
            .get("organizationId")
            .toString();
    realtime.connect("c1", Optional.of("ann"));
    access.readable.add("ann@" + org);
    realtime.request("c1", Action.SUBSCRIBE, org);
    access.readable.remove("ann@" + org);

    // when
    push.accept(deleted);

    // then
    assertThat(clients.disconnected).containsExactly("c1");
  }
}
