package dev.topgun.shared.events;

import dev.topgun.shared.http.Correlation;
import dev.topgun.shared.ids.Ids;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Publishes domain events to the Topgun bus ({@code topgun.events.bus}) with {@code source =
 * topgun.<domain>} ({@code topgun.domain}, else {@code micronaut.application.name}), {@code
 * detail-type} = the event name and {@code detail} = an {@link EventEnvelope}.
 *
 * <p>PutEvents succeeds as a call even when some entries fail ({@code FailedEntryCount}); those
 * entries are sent again, up to {@code topgun.events.max-attempts} attempts in all with doubling
 * back-off, and then {@link EventPublishException} names the ones that never went. Entries go in
 * batches within PutEvents' limits (10 entries, 256 KiB).
 */
@Singleton
public class EventPublisher {

  /** PutEvents' limit on entries per call. */
  static final int MAX_BATCH_ENTRIES = 10;

  /** PutEvents' limit on the total entry size of one call, also the limit of one entry. */
  static final int MAX_BATCH_BYTES = 256 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  private final EventBridgeClient eventBridge;
  private final JsonMapper json;
  private final Clock clock;
  private final String bus;
  private final String source;
  private final int maxAttempts;
  private final Duration backoff;

  @Inject
  public EventPublisher(
      EventBridgeClient eventBridge,
      JsonMapper json,
      Clock clock,
      @Value("${topgun.events.bus:topgun}") String bus,
      @Property(name = "topgun.domain") @Nullable String domain,
      @Property(name = "micronaut.application.name") @Nullable String applicationName,
      @Value("${topgun.events.max-attempts:3}") int maxAttempts,
      @Value("${topgun.events.retry-backoff:100ms}") Duration backoff) {
    this(
        eventBridge,
        json,
        clock,
        bus,
        domain == null || domain.isBlank() ? applicationName : domain,
        maxAttempts,
        backoff);
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
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("topgun.events.max-attempts must be at least 1");
    }
    this.eventBridge = eventBridge;
    this.json = json;
    this.clock = clock;
    this.bus = bus;
    this.source = domain == null || domain.isBlank() ? null : "topgun." + domain;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
  }

  /** Publishes the events; returns their envelopes (ids and times) in the same order. */
  public List<EventEnvelope<Object>> publish(Event... events) {
    return publish(Arrays.asList(events));
  }

  /**
   * Publishes the facts of a change that is already committed. The change stands whatever happens
   * here, so a failure must not turn its answer into a 500 that invites a retry: it is logged at
   * ERROR with each event's name, organization and data type (never the data) and the caller goes
   * on. The audit entry written with the change still records it. (A transactional outbox drained
   * by a sweeper would make this exactly-once; it is not built yet.)
   *
   * @return whether every event was published
   */
  public boolean publishCommitted(Event... events) {
    try {
      publish(Arrays.asList(events));
      return true;
    } catch (RuntimeException e) {
      for (Event event : events) {
        LOG.error(
            "Event {} of organization {} lost after its change was committed: {}",
            event.name(),
            event.organizationId(),
            e.toString());
      }
      return false;
    }
  }

  /** Publishes the events; returns their envelopes (ids and times) in the same order. */
  public List<EventEnvelope<Object>> publish(List<Event> events) {
    if (source == null) {
      throw new IllegalStateException(
          "Set topgun.domain (or micronaut.application.name) to publish events: it names the"
              + " source");
    }
    Instant now = clock.instant();
    String correlationId = Correlation.current().orElse(null);
    List<EventEnvelope<Object>> envelopes = new ArrayList<>(events.size());
    List<Pending> pending = new ArrayList<>(events.size());
    for (Event event : events) {
      EventEnvelope<Object> envelope =
          new EventEnvelope<>(
              event.version(),
              Ids.newId(),
              now,
              event.organizationId(),
              correlationId,
              event.data());
      envelopes.add(envelope);
      pending.add(new Pending(envelope.eventId(), event.name(), entry(event, envelope, now)));
    }
    send(pending);
    return envelopes;
  }

  private PutEventsRequestEntry entry(Event event, EventEnvelope<Object> envelope, Instant now) {
    String detail;
    try {
      detail = json.writeValueAsString(envelope);
    } catch (IOException e) {
      throw new UncheckedIOException("Event " + event.name() + " cannot be serialised", e);
    }
    PutEventsRequestEntry entry =
        PutEventsRequestEntry.builder()
            .eventBusName(bus)
            .source(source)
            .detailType(event.name())
            .detail(detail)
            .resources(event.resources())
            .time(now)
            .build();
    if (size(entry) > MAX_BATCH_BYTES) {
      throw new IllegalArgumentException(
          "Event "
              + event.name()
              + " is "
              + size(entry)
              + " bytes; EventBridge takes at most "
              + MAX_BATCH_BYTES
              + ". Publish an id to fetch instead of the data.");
    }
    return entry;
  }

  private void send(List<Pending> all) {
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
      long size = size(entry.entry());
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

  /** An entry's size as EventBridge counts it against the request limit. */
  static long size(PutEventsRequestEntry entry) {
    long size = entry.time() == null ? 0 : 14;
    size += utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
    for (String resource : entry.resources()) {
      size += utf8(resource);
    }
    return size;
  }

  private static long utf8(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
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
  record Pending(String eventId, String name, PutEventsRequestEntry entry) {}
}
