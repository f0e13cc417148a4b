package dev.topgun.platform.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The WebSocket connections of the console and their subscriptions (a port; the table). */
public interface RealtimeConnections {

  /** A connection subscribed to an organization's events. */
  record Subscriber(String connectionId, String userId) {}

  void open(String connectionId, String userId, Instant connectedAt);

  /** The signed-in user of a connection, if it is open. */
  Optional<String> userOf(String connectionId);

  /** Forgets a connection and every subscription of it. */
  void close(String connectionId);

  void subscribe(String connectionId, String userId, String organizationId);

  void unsubscribe(String connectionId, String organizationId);

  /** The connections subscribed to one organization. */
  List<Subscriber> subscribers(String organizationId);

  /** A connection's subscriptions (organization ids). */
  List<String> subscriptionsOf(String connectionId);

  /** A user's open connections. */
  List<String> connectionsOf(String userId);
}
