package dev.topgun.shared.events;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts events on the Topgun bus ({@code topgun.events.bus}): {@code source} = {@code
 * topgun.<domain>}, {@code detail-type} = the event name, {@code detail} = an {@link
 * EventEnvelope}. Domains do not call it: their events go into the transaction of the change
 * ({@link Outbox}) and the relay, fed by the table's stream, publishes them with {@link
 * #send(List)}. Only functions that carry the EventBridge SDK have it.
 *
 * <p>PutEvents succeeds as a call even when some entries fail ({@code FailedEntryCount}); those
 * entries are sent again, up to {@code topgun.events.max-attempts} attempts in all with doubling
 * back-off, and then {@link EventPublishException} names the ones that never went. Entries go in
 * order, in batches within PutEvents' limits (10 entries, 256 KiB).
 */
@Singleton
@Requires(classes = EventBridgeClient.class)
public class EventPublisher {

  /** PutEvents' limit on entries per call. */
  static final int MAX_BATCH_ENTRIES = 10;

  /** PutEvents' limit on the total entry size of one call, also the limit of one entry. */
  static final int MAX_BATCH_BYTES = EventEncoder.MAX_ENTRY_BYTES;

  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  private final EventBridgeClient eventBridge;
  private final EventEncoder encoder;
  private final String bus;
  private final int maxAttempts;
  private final Duration backoff;

  @Inject
  public EventPublisher(
      EventBridgeClient eventBridge,
      EventEncoder encoder,
      @Value("${topgun.events.bus:topgun}") String bus,
      @Value("${topgun.events.max-attempts:3}") int maxAttempts,
      @Value("${topgun.events.retry-backoff:100ms}") Duration backoff) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("topgun.events.max-attempts must be at least 1");
    }
    this.eventBridge = eventBridge;
    this.encoder = encoder;
    this.bus = bus;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
  }

  /** For tests and tools outside an application context. */
  public EventPublisher(
      EventBridgeClient eventBridge,
      JsonMapper json,
      Clock clock,
      String bus,
      @Nullable String domain,
      int maxAttempts,
      Duration backoff) {
    this(eventBridge, new EventEncoder(json, clock, domain), bus, maxAttempts, backoff);
  }

  /**
   * Publishes the events now, outside any transaction (tools, tests); returns them as sent, in the
   * same order.
   */
  public List<OutboundEvent> publish(Event... events) {
    return publish(Arrays.asList(events));
  }

  /** Publishes the events now, outside any transaction; returns them as sent, in order. */
  public List<OutboundEvent> publish(List<Event> events) {
    List<OutboundEvent> encoded = events.stream().map(encoder::encode).toList();
    send(encoded);
    return encoded;
  }

  /**
   * Sends events already encoded (the outbox's), in order.
   *
   * @throws EventPublishException naming the events EventBridge still refused after the last
   *     attempt; the others were sent
   */
  public void send(List<OutboundEvent> events) {
    List<Pending> pending = new ArrayList<>(events.size());
    for (OutboundEvent event : events) {
      pending.add(new Pending(event, entry(event)));
    }
    sendPending(pending);
  }

  private PutEventsRequestEntry entry(OutboundEvent event) {
    return PutEventsRequestEntry.builder()
        .eventBusName(bus)
        .source(event.source())
        .detailType(event.detailType())
        .detail(event.detail())
        .resources(event.resources())
        .time(event.time())
        .build();
  }

  private void sendPending(List<Pending> all) {
    List<Pending> pending = all;
    List<EventPublishException.Failure> failures = List.of();
    for (int attempt = 1; attempt <= maxAttempts && !pending.isEmpty(); attempt++) {
      if (attempt > 1) {
        pause(backoff.multipliedBy(1L << (attempt - 2)));
      }
      List<Pending> failed = new ArrayList<>();
      List<EventPublishException.Failure> lastFailures = new ArrayList<>();
      for (List<Pending> batch : batches(pending)) {
        PutEventsResponse response =
            eventBridge.putEvents(r -> r.entries(batch.stream().map(Pending::entry).toList()));
        Integer failedCount = response.failedEntryCount();
        if (failedCount == null || failedCount == 0) {
          continue;
        }
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < batch.size(); i++) {
          PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
          if (result == null || result.errorCode() != null || result.eventId() == null) {
            failed.add(batch.get(i));
            lastFailures.add(
                new EventPublishException.Failure(
                    batch.get(i).eventId(),
                    batch.get(i).name(),
                    result == null ? "MissingResult" : result.errorCode(),
                    result == null ? "no result entry" : result.errorMessage()));
          }
        }
      }
      if (!failed.isEmpty()) {
        LOG.warn(
            "EventBridge refused {} of {} events (attempt {} of {})",
            failed.size(),
            pending.size(),
            attempt,
            maxAttempts);
      }
      pending = failed;
      failures = lastFailures;
    }
    if (!pending.isEmpty()) {
      throw new EventPublishException(
          pending.size() + " events were not published after " + maxAttempts + " attempts",
          failures);
    }
  }

  /** Consecutive batches of at most 10 entries and 256 KiB, in order. */
  static List<List<Pending>> batches(List<Pending> entries) {
    List<List<Pending>> batches = new ArrayList<>();
    List<Pending> current = new ArrayList<>();
    long bytes = 0;
    for (Pending entry : entries) {
      long size = EventEncoder.size(entry.event());
      if (!current.isEmpty()
          && (current.size() == MAX_BATCH_ENTRIES || bytes + size > MAX_BATCH_BYTES)) {
        batches.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(entry);
      bytes += size;
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  private static void pause(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while retrying PutEvents", e);
    }
  }

  /** An entry on its way, with what names it in a failure. */
  record Pending(OutboundEvent event, PutEventsRequestEntry entry) {
    String eventId() {
      return event.eventId();
    }

    String name() {
      return event.detailType();
    }
  }
}
