package dev.topgun.shared.events;

import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.time.Timestamps;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * Where a domain's events go: into the transaction of the change they report, as {@link
 * OutboxItem}s. If the change commits, its events are in the table with it; if it does not, they
 * never existed. The relay, fed by the table's stream, publishes each to the bus at least once (in
 * order per organization), and consumers take each exactly once ({@link ProcessedEvents}). So a
 * committed change never loses its event, whatever happens to the function after the commit, and a
 * function that only writes needs no EventBridge client.
 *
 * <pre>{@code
 * Transaction tx = writer.begin();
 * tx.update(OrganizationItem.SCHEMA, renamed);
 * outbox.add(tx, Event.of("OrganizationUpdated", orgId, new OrganizationUpdatedV1(...)));
 * tx.commit();
 * }</pre>
 */
@Singleton
public class Outbox {

  private final EventEncoder encoder;
  private final Duration retention;

  @Inject
  public Outbox(EventEncoder encoder, @Value("${topgun.events.outbox-ttl:7d}") Duration retention) {
    this.encoder = encoder;
    this.retention = retention;
  }

  /**
   * Adds {@code event} to {@code tx} (one item of its 100).
   *
   * @return the event as it will be published once {@code tx} commits
   * @throws IllegalArgumentException when the event is too large for EventBridge
   */
  public OutboundEvent add(Transaction tx, Event event) {
    OutboundEvent outbound = encoder.encode(event);
    tx.create(OutboxItem.SCHEMA, item(outbound));
    return outbound;
  }

  /** Adds each of {@code events} to {@code tx}, in order. */
  public List<OutboundEvent> addAll(Transaction tx, List<Event> events) {
    return events.stream().map(event -> add(tx, event)).toList();
  }

  OutboxItem item(OutboundEvent event) {
    OutboxItem item = new OutboxItem();
    item.setPk(
        event.organizationId() == null
            ? OutboxItem.sourcePartition(event.source())
            : OutboxItem.partition(event.organizationId()));
    item.setSk(OutboxItem.sortKey(event.eventId()));
    item.setEventId(event.eventId());
    item.setSource(event.source());
    item.setDetailType(event.detailType());
    item.setDetail(event.detail());
    item.setResources(event.resources().isEmpty() ? null : event.resources());
    item.setOrganizationId(event.organizationId());
    item.setOccurredAt(Timestamps.format(event.time()));
    item.setTtl(event.time().plus(retention).getEpochSecond());
    return item;
  }

  /** The event an outbox item holds, as the relay publishes it. */
  public static OutboundEvent fromItem(OutboxItem item) {
    return new OutboundEvent(
        item.getEventId(),
        item.getSource(),
        item.getDetailType(),
        item.getDetail(),
        item.getResources(),
        item.getOrganizationId(),
        Timestamps.parse(item.getOccurredAt()));
  }
}
