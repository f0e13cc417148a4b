package dev.topgun.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.platform.domain.ReadAccess;
import dev.topgun.platform.domain.RealtimeClients;
import dev.topgun.platform.domain.RealtimeConnections;
import dev.topgun.platform.domain.RealtimeService;
import dev.topgun.platform.domain.RealtimeService.Action;
import dev.topgun.platform.domain.RealtimeService.Notice;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RealtimeServiceTest {

  /** Connections in memory, as the table keeps them. */
  static final class FakeConnections implements RealtimeConnections {
    final Map<String, String> users = new LinkedHashMap<>();
    final Map<String, Map<String, String>> subscribers = new HashMap<>();

    @Override
    public void open(String connectionId, String userId, Instant connectedAt) {
      users.put(connectionId, userId);
    }

    @Override
    public Optional<String> userOf(String connectionId) {
      return Optional.ofNullable(users.get(connectionId));
    }

    @Override
    public void close(String connectionId) {
      users.remove(connectionId);
      subscribers.values().forEach(s -> s.remove(connectionId));
    }

    @Override
    public void subscribe(String connectionId, String userId, String organizationId) {
      subscribers
          .computeIfAbsent(organizationId, o -> new LinkedHashMap<>())
          .put(connectionId, userId);
    }

    @Override
    public void unsubscribe(String connectionId, String organizationId) {
      subscribers.getOrDefault(organizationId, new HashMap<>()).remove(connectionId);
    }

    @Override
    public List<Subscriber> subscribers(String organizationId) {
      List<Subscriber> all = new ArrayList<>();
      subscribers
          .getOrDefault(organizationId, Map.of())
          .forEach((c, u) -> all.add(new Subscriber(c, u)));
      return all;
    }

    @Override
    public List<String> subscriptionsOf(String connectionId) {
      return subscribers.entrySet().stream()
          .filter(e -> e.getValue().containsKey(connectionId))
          .map(Map.Entry::getKey)
          .toList();
    }

    @Override
    public List<String> connectionsOf(String userId) {
      return users.entrySet().stream()
          .filter(e -> e.getValue().equals(userId))
          .map(Map.Entry::getKey)
          .toList();
    }
  }

  /** A tree root > reseller > customer; who may read what is set per test. */
  static final class FakeAccess implements ReadAccess {
    final Set<String> readable = new HashSet<>();
    final Set<String> visible = new HashSet<>();
    int checks;

    @Override
    public Verdict mayRead(String userId, String organizationId) {
      checks++;
      if (readable.contains(userId + "@" + organizationId)) {
        return Verdict.ALLOWED;
      }
      return visible.contains(userId + "@" + organizationId)
          ? Verdict.FORBIDDEN
          : Verdict.NOT_FOUND;
    }

    @Override
    public List<String> ancestors(String organizationId) {
      return switch (organizationId) {
        case "customer" -> List.of("reseller", "root");
        case "reseller" -> List.of("root");
        default -> List.of();
      };
    }
  }

  static final class FakeClients implements RealtimeClients {
    final Map<String, List<Map<String, Object>>> sent = new LinkedHashMap<>();
    final Set<String> gone = new HashSet<>();
    final List<String> disconnected = new ArrayList<>();

    @Override
    public boolean send(String connectionId, Map<String, Object> message) {
      if (gone.contains(connectionId)) {
        return false;
      }
      sent.computeIfAbsent(connectionId, c -> new ArrayList<>()).add(message);
      return true;
    }

    @Override
    public void disconnect(String connectionId) {
      disconnected.add(connectionId);
    }

    List<Object> types(String connectionId) {
      return sent.getOrDefault(connectionId, List.of()).stream().map(m -> m.get("type")).toList();
    }
  }

  private final FakeConnections connections = new FakeConnections();
  private final FakeAccess access = new FakeAccess();
  private final FakeClients clients = new FakeClients();
  private final RealtimeService realtime =
      new RealtimeService(
          connections,
          access,
          clients,
          token ->
              token.startsWith("token-of-") ? Optional.of(token.substring(9)) : Optional.empty(),
          Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC));

  private static Notice notice(String organizationId, String eventId) {
    return new Notice(
        "OrganizationUpdated", eventId, organizationId, "2026-12-03T10:00:01.000Z", 1);
  }

  @Test
  void aConnection_needsAValidToken() {
    assertThat(realtime.connect("c1", Optional.empty()))
        .isEqualTo(RealtimeService.Connection.UNAUTHORIZED);
    assertThat(realtime.connect("c1", Optional.of("forged")))
        .isEqualTo(RealtimeService.Connection.UNAUTHORIZED);
    assertThat(connections.users).isEmpty();
    assertThat(realtime.connect("c1", Optional.of("token-of-ann")))
        .isEqualTo(RealtimeService.Connection.ACCEPTED);
    assertThat(connections.users).containsEntry("c1", "ann");
  }

  @Test
  void aSubscription_isTakenOnlyWhereTheUserMayRead_andRefusedAs404Or403() {
    // given
    realtime.connect("c1", Optional.of("token-of-ann"));
    access.readable.add("ann@reseller");
    access.visible.add("ann@customer");

    // when
    realtime.request("c1", Action.SUBSCRIBE, "reseller");
    realtime.request("c1", Action.SUBSCRIBE, "customer");
    realtime.request("c1", Action.SUBSCRIBE, "elsewhere");

    // then
    assertThat(connections.subscriptionsOf("c1")).containsExactly("reseller");
    List<Map<String, Object>> answers = clients.sent.get("c1");
    assertThat(answers)
        .extracting(m -> m.get("type"))
        .containsExactly("subscribed", "subscription_refused", "subscription_refused");
    assertThat(answers.get(1)).containsEntry("status", 403).containsEntry("reason", "forbidden");
    assertThat(answers.get(2)).containsEntry("status", 404).containsEntry("reason", "not_found");
  }

  @Test
  void aNotice_reachesSubscribersOfTheOrganizationAndOfAncestorsWhoMayReadIt_once() {
    // given: ann subscribed to the customer and to the reseller; bob to the reseller only, and
    // bob may not read the customer
    realtime.connect("ann-1", Optional.of("token-of-ann"));
    realtime.connect("bob-1", Optional.of("token-of-bob"));
    access.readable.addAll(List.of("ann@customer", "ann@reseller", "bob@reseller"));
    realtime.request("ann-1", Action.SUBSCRIBE, "customer");
    realtime.request("ann-1", Action.SUBSCRIBE, "reseller");
    realtime.request("bob-1", Action.SUBSCRIBE, "reseller");

    // when
    int sent = realtime.push(notice("customer", "e1"));

    // then
    assertThat(sent).isEqualTo(1);
    assertThat(clients.types("ann-1")).containsExactly("subscribed", "subscribed", "event");
    Map<String, Object> event = clients.sent.get("ann-1").get(2);
    assertThat(event)
        .containsOnlyKeys("type", "eventType", "eventId", "organizationId", "occurredAt", "version")
        .containsEntry("eventId", "e1")
        .containsEntry("organizationId", "customer");
    assertThat(clients.types("bob-1")).containsExactly("subscribed");
    assertThat(connections.subscriptionsOf("bob-1")).containsExactly("reseller");
  }

  @Test
  void aSubscriberWhoMayNoLongerRead_losesTheSubscriptionAndTheConnection_atTheNextNotice() {
    // given
    realtime.connect("c1", Optional.of("token-of-ann"));
    access.readable.add("ann@reseller");
    realtime.request("c1", Action.SUBSCRIBE, "reseller");
    access.readable.remove("ann@reseller");

    // when
    int sent = realtime.push(notice("reseller", "e2"));

    // then
    assertThat(sent).isZero();
    assertThat(clients.types("c1")).containsExactly("subscribed", "subscription_closed");
    assertThat(clients.disconnected).containsExactly("c1");
    assertThat(connections.users).isEmpty();
    assertThat(connections.subscribers("reseller")).isEmpty();
  }

  @Test
  void recheckingAUser_closesOnlyTheSubscriptionsItLost() {
    // given
    realtime.connect("c1", Optional.of("token-of-ann"));
    realtime.connect("c2", Optional.of("token-of-ann"));
    access.readable.addAll(List.of("ann@reseller", "ann@customer"));
    realtime.request("c1", Action.SUBSCRIBE, "reseller");
    realtime.request("c2", Action.SUBSCRIBE, "customer");
    access.readable.remove("ann@customer");

    // when
    realtime.recheckUser("ann");

    // then
    assertThat(clients.disconnected).containsExactly("c2");
    assertThat(connections.subscriptionsOf("c1")).containsExactly("reseller");
  }

  @Test
  void aGoneConnection_isForgotten() {
    // given
    realtime.connect("c1", Optional.of("token-of-ann"));
    access.readable.add("ann@reseller");
    realtime.request("c1", Action.SUBSCRIBE, "reseller");
    clients.gone.add("c1");

    // when
    int sent = realtime.push(notice("reseller", "e3"));

    // then
    assertThat(sent).isZero();
    assertThat(connections.users).isEmpty();
  }

  @Test
  void oneUsersReadIsCheckedOncePerNotice_whateverItsConnections() {
    // given
    access.readable.add("ann@reseller");
    for (int i = 0; i < 5; i++) {
      realtime.connect("c" + i, Optional.of("token-of-ann"));
      realtime.request("c" + i, Action.SUBSCRIBE, "reseller");
    }
    access.checks = 0;

    // when
    int sent = realtime.push(notice("reseller", "e4"));

    // then
    assertThat(sent).isEqualTo(5);
    assertThat(access.checks).isEqualTo(1);
  }
}
