package dev.topgun.platform.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's live channel. A client connects with a sign-in token, subscribes to organizations
 * it may read, and is pushed a short notice of every event about them — or about their descendants,
 * where it may read those — after the change committed: the event type, its id, the organization
 * and when it happened, never the event's data (the console reads what changed through the API,
 * which checks every permission again). Access is checked through the one check point when a client
 * subscribes and again for every notice; when a member loses access (removed, demoted, the
 * organization deleted or moved), each subscription it can no longer have is closed, and so is the
 * connection, so a client reconnects with what it still may read.
 */
public final class RealtimeService {

  /** What {@link #connect} decided. */
  public enum Connection {
    ACCEPTED,
    UNAUTHORIZED
  }

  /** What a client asks for on its connection. */
  public enum Action {
    SUBSCRIBE,
    UNSUBSCRIBE
  }

  /** An event, as much of it as subscribers are told. */
  public record Notice(
      String eventType, String eventId, String organizationId, String occurredAt, int version) {}

  private final RealtimeConnections connections;
  private final ReadAccess access;
  private final RealtimeClients clients;
  private final SignIns signIns;
  private final Clock clock;

  public RealtimeService(
      RealtimeConnections connections,
      ReadAccess access,
      RealtimeClients clients,
      SignIns signIns,
      Clock clock) {
    this.connections = connections;
    this.access = access;
    this.clients = clients;
    this.signIns = signIns;
    this.clock = clock;
  }

  public Connection connect(String connectionId, Optional<String> token) {
    Optional<String> user = token.flatMap(signIns::userOf);
    if (user.isEmpty()) {
      return Connection.UNAUTHORIZED;
    }
    connections.open(connectionId, user.get(), clock.instant());
    return Connection.ACCEPTED;
  }

  public void disconnect(String connectionId) {
    connections.close(connectionId);
  }

  /** A client's subscribe or unsubscribe; the answer is pushed back on its connection. */
  public void request(String connectionId, Action action, String organizationId) {
    Optional<String> user = connections.userOf(connectionId);
    if (user.isEmpty()) {
      return;
    }
    if (action == Action.UNSUBSCRIBE) {
      connections.unsubscribe(connectionId, organizationId);
      send(connectionId, message("unsubscribed", organizationId));
      return;
    }
    ReadAccess.Verdict verdict = access.mayRead(user.get(), organizationId);
    if (verdict == ReadAccess.Verdict.ALLOWED) {
      connections.subscribe(connectionId, user.get(), organizationId);
      send(connectionId, message("subscribed", organizationId));
    } else {
      Map<String, Object> refused = message("subscription_refused", organizationId);
      refused.put("status", verdict == ReadAccess.Verdict.NOT_FOUND ? 404 : 403);
      refused.put("reason", verdict == ReadAccess.Verdict.NOT_FOUND ? "not_found" : "forbidden");
      send(connectionId, refused);
    }
  }

  /** Tells a client its message was not understood. */
  public void badRequest(String connectionId, String detail) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", "error");
    error.put("reason", "bad_request");
    error.put("detail", detail);
    send(connectionId, error);
  }

  /**
   * Pushes an event's notice to the subscribers of its organization and of its ancestors who may
   * read it; a subscriber who may no longer read the organization it subscribed to loses the
   * subscription.
   *
   * @return how many connections were sent the notice
   */
  public int push(Notice notice) {
    Map<String, RealtimeConnections.Subscriber> subscribers = new LinkedHashMap<>();
    Map<String, String> subscribedTo = new HashMap<>();
    List<String> scope = new ArrayList<>();
    scope.add(notice.organizationId());
    scope.addAll(access.ancestors(notice.organizationId()));
    for (String organization : scope) {
      for (RealtimeConnections.Subscriber subscriber : connections.subscribers(organization)) {
        if (subscribers.putIfAbsent(subscriber.connectionId(), subscriber) == null) {
          subscribedTo.put(subscriber.connectionId(), organization);
        }
      }
    }
    Map<String, ReadAccess.Verdict> verdicts = new HashMap<>();
    int sent = 0;
    for (RealtimeConnections.Subscriber subscriber : subscribers.values()) {
      String subscription = subscribedTo.get(subscriber.connectionId());
      if (verdict(verdicts, subscriber.userId(), notice.organizationId())
          == ReadAccess.Verdict.ALLOWED) {
        if (send(subscriber.connectionId(), noticeMessage(notice))) {
          sent++;
        }
      } else if (subscription.equals(notice.organizationId())
          || verdict(verdicts, subscriber.userId(), subscription) != ReadAccess.Verdict.ALLOWED) {
        // The subscription itself is no longer allowed. (Subscribed to an ancestor it still may
        // read, this descendant's notice is just not for it.)
        revoke(subscriber.connectionId(), subscription);
      }
    }
    return sent;
  }

  private ReadAccess.Verdict verdict(
      Map<String, ReadAccess.Verdict> verdicts, String userId, String organizationId) {
    return verdicts.computeIfAbsent(
        userId + " " + organizationId, key -> access.mayRead(userId, organizationId));
  }

  /** Checks again every subscription of a user's connections (a membership of theirs changed). */
  public void recheckUser(String userId) {
    for (String connectionId : connections.connectionsOf(userId)) {
      for (String organization : connections.subscriptionsOf(connectionId)) {
        if (access.mayRead(userId, organization) != ReadAccess.Verdict.ALLOWED) {
          revoke(connectionId, organization);
        }
      }
    }
  }

  /** Checks again every subscription to an organization (deleted, moved). */
  public void recheckOrganization(String organizationId) {
    Set<String> revoked = new LinkedHashSet<>();
    for (RealtimeConnections.Subscriber subscriber : connections.subscribers(organizationId)) {
      if (!revoked.contains(subscriber.connectionId())
          && access.mayRead(subscriber.userId(), organizationId) != ReadAccess.Verdict.ALLOWED) {
        revoke(subscriber.connectionId(), organizationId);
        revoked.add(subscriber.connectionId());
      }
    }
  }

  private void revoke(String connectionId, String organizationId) {
    Map<String, Object> closed = message("subscription_closed", organizationId);
    closed.put("reason", "access_revoked");
    clients.send(connectionId, closed);
    connections.close(connectionId);
    clients.disconnect(connectionId);
  }

  private boolean send(String connectionId, Map<String, Object> message) {
    boolean delivered = clients.send(connectionId, message);
    if (!delivered) {
      connections.close(connectionId);
    }
    return delivered;
  }

  private static Map<String, Object> message(String type, String organizationId) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", type);
    message.put("organizationId", organizationId);
    return message;
  }

  private static Map<String, Object> noticeMessage(Notice notice) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "event");
    message.put("eventType", notice.eventType());
    message.put("eventId", notice.eventId());
    message.put("organizationId", notice.organizationId());
    message.put("occurredAt", notice.occurredAt());
    message.put("version", notice.version());
    return message;
  }
}
