package dev.topgun.shared.events;

import java.time.Instant;

/**
 * Another delivery of the same event is being processed by the consumer right now. The delivery
 * fails so that it is retried: by then the other has completed (the retry is acknowledged as a
 * duplicate), failed (the retry processes the event), or died and its claim expired at {@code
 * lockedUntil} (the retry takes it over).
 */
public class EventInProgressException extends RuntimeException {

  private final String consumer;
  private final String eventId;

  public EventInProgressException(String consumer, String eventId, Instant lockedUntil) {
    super(
        "Event "
            + eventId
            + " is being processed by "
            + consumer
            + " in another delivery (claimed until "
            + lockedUntil
            + "); retry later");
    this.consumer = consumer;
    this.eventId = eventId;
  }

  public String consumer() {
    return consumer;
  }

  public String eventId() {
    return eventId;
  }
}
