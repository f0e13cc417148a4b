package dev.topgun.platform.domain;

import dev.topgun.shared.events.OutboundEvent;
import java.util.List;
import java.util.Optional;

/**
 * Publishes the events the domains wrote to the outbox, in the order the table's stream gives them
 * (for one organization, the order its changes committed), each at least once: when the bus refuses
 * an event, the relay stops there and names it, so that it and everything after it is delivered
 * again — never past a gap. Events the bus took before the failure may be sent twice that way;
 * consumers take each event id once.
 */
public final class OutboxRelay {

  /** One outbox event and its place in the stream (the record's sequence number). */
  public record Pending(String position, OutboundEvent event) {}

  /** PutEvents' limit on entries per call. */
  static final int BATCH = 10;

  private final EventBus bus;

  public OutboxRelay(EventBus bus) {
    this.bus = bus;
  }

  /**
   * Publishes {@code pending} in order.
   *
   * @return the position of the first event not published (to retry from), or empty
   */
  public Optional<String> relay(List<Pending> pending) {
    for (int from = 0; from < pending.size(); from += BATCH) {
      List<Pending> batch = pending.subList(from, Math.min(pending.size(), from + BATCH));
      try {
        bus.put(batch.stream().map(Pending::event).toList());
      } catch (EventBus.BusRefusedException e) {
        int refused = Math.max(0, Math.min(e.firstRefused(), batch.size() - 1));
        return Optional.of(batch.get(refused).position());
      }
    }
    return Optional.empty();
  }
}
