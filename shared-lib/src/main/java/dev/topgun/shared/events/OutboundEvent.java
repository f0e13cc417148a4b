package dev.topgun.shared.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An event ready for the bus: its envelope already written as the {@code detail} JSON. The outbox
 * stores exactly this, and the relay sends exactly this, so what a consumer receives is what the
 * change's transaction wrote.
 *
 * @param eventId the envelope's id (ULID)
 * @param source {@code topgun.<domain>}
 * @param detailType the event name
 * @param detail the {@link EventEnvelope} as JSON
 * @param resources EventBridge {@code Resources}
 * @param organizationId the envelope's organization, when there is one
 * @param time when the fact happened (the envelope's {@code occurredAt})
 */
public record OutboundEvent(
    String eventId,
    String source,
    String detailType,
    String detail,
    List<String> resources,
    String organizationId,
    Instant time) {

  public OutboundEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(detailType, "detailType");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(time, "time");
    resources = resources == null ? List.of() : List.copyOf(resources);
  }
}
