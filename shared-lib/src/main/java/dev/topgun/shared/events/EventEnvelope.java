package dev.topgun.shared.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * The EventBridge {@code detail} of every Topgun event: the same envelope around each domain's
 * {@code data}, so that consumers dedupe on {@code eventId}, order on {@code occurredAt}, route on
 * {@code organizationId} and trace on {@code correlationId} without knowing the event.
 *
 * @param version the version of {@code data}'s shape for this event name ({@link Event#version()})
 * @param eventId a ULID, unique per event (EventBridge may deliver an event more than once)
 * @param occurredAt when the fact happened, from the publisher's clock
 * @param organizationId the tenant, when the fact is about one
 * @param correlationId the id of the request that caused the fact, when there was one
 * @param data the fact's fields
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope<T>(
    int version,
    String eventId,
    Instant occurredAt,
    @Nullable String organizationId,
    @Nullable String correlationId,
    T data) {}
