package dev.topgun.platform.store;

import dev.topgun.platform.domain.RealtimeConnections;
import dev.topgun.shared.store.Index;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Connections and subscriptions in the table. Both expire ({@code ttl}) a little after API
 * Gateway's longest connection (two hours), so a connection whose {@code $disconnect} never came
 * leaves nothing behind for long.
 */
@Singleton
public class DynamoRealtimeConnections implements RealtimeConnections {

  static final Duration LIFETIME = Duration.ofHours(3);

  private final SingleTableStore store;
  private final Clock clock;

  public DynamoRealtimeConnections(SingleTableStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void open(String connectionId, String userId, Instant connectedAt) {
    store.put(
        ConnectionItem.SCHEMA,
        ConnectionItem.of(connectionId, userId, connectedAt.plus(LIFETIME).getEpochSecond()));
  }

  @Override
  public Optional<String> userOf(String connectionId) {
    return store
        .get(ConnectionItem.SCHEMA, ConnectionItem.pk(connectionId), ConnectionItem.TYPE)
        .map(ConnectionItem::getUserId);
  }

  @Override
  public void close(String connectionId) {
    for (SubscriptionItem subscription : subscriptions(connectionId)) {
      store.delete(subscription.key());
    }
    store.delete(new ItemKey(ConnectionItem.pk(connectionId), ConnectionItem.TYPE));
  }

  @Override
  public void subscribe(String connectionId, String userId, String organizationId) {
    store.put(
        SubscriptionItem.SCHEMA,
        SubscriptionItem.of(
            connectionId, userId, organizationId, clock.instant().plus(LIFETIME).getEpochSecond()));
  }

  @Override
  public void unsubscribe(String connectionId, String organizationId) {
    store.delete(
        new ItemKey(SubscriptionItem.subscribers(organizationId), ConnectionItem.pk(connectionId)));
  }

  @Override
  public List<Subscriber> subscribers(String organizationId) {
    List<Subscriber> subscribers = new ArrayList<>();
    store.forEach(
        SubscriptionItem.SCHEMA,
        Query.partition(SubscriptionItem.subscribers(organizationId)).consistent(),
        item -> subscribers.add(new Subscriber(item.getConnectionId(), item.getUserId())));
    return subscribers;
  }

  @Override
  public List<String> subscriptionsOf(String connectionId) {
    return subscriptions(connectionId).stream().map(SubscriptionItem::getOrganizationId).toList();
  }

  @Override
  public List<String> connectionsOf(String userId) {
    List<String> connections = new ArrayList<>();
    store.forEach(
        ConnectionItem.SCHEMA,
        Query.on(Index.GSI1, ConnectionItem.userConnections(userId)),
        item -> connections.add(item.getConnectionId()));
    return connections;
  }

  private List<SubscriptionItem> subscriptions(String connectionId) {
    List<SubscriptionItem> subscriptions = new ArrayList<>();
    store.forEach(
        SubscriptionItem.SCHEMA,
        Query.on(Index.GSI1, SubscriptionItem.subscriptionsOf(connectionId)),
        subscriptions::add);
    return subscriptions;
  }
}
