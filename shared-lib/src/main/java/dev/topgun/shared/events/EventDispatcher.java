package dev.topgun.shared.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.shared.http.Correlation;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Hands an EventBridge event to the function's {@link EventConsumer} beans that take it, each
 * exactly once: before a consumer's {@code accept}, the event ({@link ReceivedEvent#eventId()}) is
 * claimed for that consumer in the table ({@link ProcessedEvents}); a delivery of an event the
 * consumer has processed is acknowledged without calling it; a consumer that throws has its claim
 * deleted and the exception goes on, so that EventBridge/Lambda delivers the event again. An event
 * no consumer takes is logged and acknowledged.
 *
 * <p>A scheduled event is routed by its schedule's name ({@link ReceivedEvent#scheduleName()})
 * instead of its detail-type.
 *
 * <p>A prototype, not a singleton: Micronaut creates every singleton when a Lambda function starts,
 * and a function that answers HTTP should not pay for this before its first answer. The entry point
 * creates it at the first event and keeps it.
 */
@Prototype
public class EventDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

  private final List<Registered> consumers;
  private final ProcessedEvents processed;
  private final Duration lockTimeout;

  @Inject
  public EventDispatcher(
      BeanContext beans,
      ProcessedEvents processed,
      @Value("${topgun.events.lock-timeout:60s}") Duration lockTimeout) {
    this(registered(beans), processed, lockTimeout);
  }

  /** For tests: these consumers, by name. */
  public EventDispatcher(
      Map<String, EventConsumer> consumers, ProcessedEvents processed, Duration lockTimeout) {
    this(
        consumers.entrySet().stream()
            .map(e -> new Registered(e.getKey(), e.getValue()))
            .sorted(Comparator.comparing(Registered::name))
            .toList(),
        processed,
        lockTimeout);
  }

  private EventDispatcher(
      List<Registered> consumers, ProcessedEvents processed, Duration lockTimeout) {
    this.consumers = consumers;
    this.processed = processed;
    this.lockTimeout = lockTimeout;
  }

  /** A consumer and the name its processed events are recorded under (its class's name). */
  private record Registered(String name, EventConsumer consumer) {}

  /** What became of one event (every member written, an empty list too). */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Dispatch(String eventId, String routedAs, List<Delivery> deliveries) {}

  /** What one consumer did with it. */
  @Serdeable
  public record Delivery(String consumer, Outcome outcome) {}

  public enum Outcome {
    /** The consumer took the event now. */
    PROCESSED,
    /** The consumer had taken it in an earlier delivery; not called again. */
    DUPLICATE
  }

  /**
   * Delivers {@code event} to every consumer that takes it.
   *
   * @param timeLeft how long the function may still run (Lambda's remaining time): the claim's
   *     lock; {@code null} for {@code topgun.events.lock-timeout}
   * @throws EventInProgressException when another delivery of the event holds a consumer's claim
   * @throws RuntimeException what a consumer threw (its claim released)
   */
  public Dispatch dispatch(ReceivedEvent event, @Nullable Duration timeLeft) {
    String eventId = event.eventId();
    String routedAs = event.isScheduled() ? event.scheduleName().orElse("") : event.detailType();
    Duration lockFor =
        timeLeft == null || timeLeft.isNegative() || timeLeft.isZero() ? lockTimeout : timeLeft;
    Map<String, String> previous = MDC.getCopyOfContextMap();
    MDC.put("event_id", eventId);
    MDC.put("event_source", event.source());
    MDC.put("event_type", routedAs);
    // A consumer's own events and logs carry the correlation id of the request that caused this.
    MDC.put(Correlation.MDC_KEY, event.correlationId().orElse(eventId));
    try {
      List<Delivery> deliveries = new ArrayList<>();
      for (Registered registered : consumers) {
        if (takes(registered.consumer(), event.source(), routedAs)) {
          deliveries.add(deliver(registered, event, eventId, lockFor));
        }
      }
      if (deliveries.isEmpty()) {
        LOG.warn(
            "No consumer takes event {} ({} {} from {}); acknowledged",
            eventId,
            event.isScheduled() ? "schedule" : "detail-type",
            routedAs,
            event.source());
      }
      return new Dispatch(eventId, routedAs, deliveries);
    } finally {
      if (previous == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(previous);
      }
    }
  }

  private Delivery deliver(
      Registered registered, ReceivedEvent event, String eventId, Duration lockFor) {
    ProcessedEvents.Claim claim = processed.claim(registered.name(), eventId, lockFor);
    if (claim instanceof ProcessedEvents.Claim.Done) {
      LOG.info(
          "Event {} was processed by {} before; duplicate acknowledged",
          eventId,
          registered.name());
      return new Delivery(registered.name(), Outcome.DUPLICATE);
    }
    if (claim instanceof ProcessedEvents.Claim.Busy busy) {
      throw new EventInProgressException(registered.name(), eventId, busy.lockedUntil());
    }
    ProcessedEvents.Claim.Claimed claimed = (ProcessedEvents.Claim.Claimed) claim;
    try {
      registered.consumer().accept(event);
    } catch (RuntimeException | Error e) {
      try {
        processed.release(claimed);
      } catch (RuntimeException releaseFailed) {
        e.addSuppressed(releaseFailed);
      }
      throw e;
    }
    try {
      processed.complete(claimed);
    } catch (RuntimeException e) {
      // The work is done: a failed delivery now would have it redone once the claim expires.
      LOG.error(
          "Event {} was processed by {} but not recorded as done: {}",
          eventId,
          registered.name(),
          e.toString());
    }
    LOG.info("Event {} processed by {}", eventId, registered.name());
    return new Delivery(registered.name(), Outcome.PROCESSED);
  }

  private static boolean takes(EventConsumer consumer, String source, String routedAs) {
    return consumer.takesSource(source) && consumer.detailTypes().contains(routedAs);
  }

  private static List<Registered> registered(BeanContext beans) {
    List<Registered> found = new ArrayList<>();
    for (BeanRegistration<EventConsumer> registration :
        beans.getBeanRegistrations(EventConsumer.class)) {
      found.add(
          new Registered(
              registration.getBeanDefinition().getBeanType().getName(), registration.getBean()));
    }
    found.sort(Comparator.comparing(Registered::name));
    return List.copyOf(found);
  }

  /** The names of the consumers, for diagnostics. */
  public List<String> consumerNames() {
    return consumers.stream().map(Registered::name).toList();
  }
}
