package dev.topgun.shared.events;

import dev.topgun.shared.http.Correlation;
import dev.topgun.shared.ids.Ids;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Turns a domain {@link Event} into the {@link OutboundEvent} the bus receives: a new event id, the
 * time from the injected clock, the correlation id of the request being answered, the envelope as
 * JSON, and {@code source = topgun.<domain>} ({@code topgun.domain}, else {@code
 * micronaut.application.name}). Refuses an event EventBridge would refuse for its size, so that a
 * change whose event cannot be sent is refused before it commits.
 */
@Singleton
public class EventEncoder {

  /** EventBridge's limit on one entry (and on one PutEvents call). */
  public static final int MAX_ENTRY_BYTES = 256 * 1024;

  private final JsonMapper json;
  private final Clock clock;
  private final String source;

  @Inject
  public EventEncoder(
      JsonMapper json,
      Clock clock,
      @Property(name = "topgun.domain") @Nullable String domain,
      @Property(name = "micronaut.application.name") @Nullable String applicationName) {
    this(json, clock, domain == null || domain.isBlank() ? applicationName : domain);
  }

  /** For tests and tools outside an application context. */
  public EventEncoder(JsonMapper json, Clock clock, @Nullable String domain) {
    this.json = json;
    this.clock = clock;
    this.source = domain == null || domain.isBlank() ? null : "topgun." + domain;
  }

  /** The event as it will be sent, with its envelope. */
  public OutboundEvent encode(Event event) {
    if (source == null) {
      throw new IllegalStateException(
          "Set topgun.domain (or micronaut.application.name) to publish events: it names the"
              + " source");
    }
    Instant now = clock.instant();
    EventEnvelope<Object> envelope =
        new EventEnvelope<>(
            event.version(),
            Ids.newId(),
            now,
            event.organizationId(),
            Correlation.current().orElse(null),
            event.data());
    String detail;
    try {
      detail = json.writeValueAsString(envelope);
    } catch (IOException e) {
      throw new UncheckedIOException("Event " + event.name() + " cannot be serialised", e);
    }
    OutboundEvent outbound =
        new OutboundEvent(
            envelope.eventId(),
            source,
            event.name(),
            detail,
            event.resources(),
            event.organizationId(),
            now);
    long size = size(outbound);
    if (size > MAX_ENTRY_BYTES) {
      throw new IllegalArgumentException(
          "Event "
              + event.name()
              + " is "
              + size
              + " bytes; EventBridge takes at most "
              + MAX_ENTRY_BYTES
              + ". Publish an id to fetch instead of the data.");
    }
    return outbound;
  }

  /** An entry's size as EventBridge counts it against the request limit. */
  public static long size(OutboundEvent event) {
    long size = 14; // the Time member
    size += utf8(event.source()) + utf8(event.detailType()) + utf8(event.detail());
    for (String resource : event.resources()) {
      size += utf8(resource);
    }
    return size;
  }

  private static long utf8(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }
}
