package dev.topgun.shared.events;

import java.util.Set;

/**
 * Takes EventBridge events delivered to this function: a Micronaut bean ({@code @Singleton}) in the
 * function's application context. The function's Lambda entry point ({@code
 * dev.topgun.shared.lambda.FunctionHandler}) hands each event to every consumer whose {@link
 * #source()} and {@link #detailTypes()} match, exactly once per consumer and event id (see {@link
 * EventDispatcher}).
 *
 * <p>A schedule (a {@code schedules} entry of {@code event-rules.json}) arrives as EventBridge's
 * scheduled event ({@code source: "aws.events"}, {@code detail-type: "Scheduled Event"}); a
 * consumer takes it with {@code source() = "aws.events"} and the schedule's name among its {@code
 * detailTypes()}, e.g. {@code Set.of("licensing-sweep")}.
 *
 * <p>An event must also be routed to the function by a rule in {@code event-rules.json}: a consumer
 * alone receives nothing.
 */
public interface EventConsumer {

  /**
   * The EventBridge source this consumer takes, e.g. {@code "topgun.licensing"}, or {@code
   * "aws.events"} for schedules.
   */
  String source();

  /**
   * Whether this consumer takes events of {@code source}: by default exactly {@link #source()}. A
   * consumer of a domain-neutral fact that any domain publishes (such as {@code
   * LimitThresholdCrossed}, from whichever {@code topgun.<domain>} counted the usage) widens it.
   */
  default boolean takesSource(String source) {
    return source().equals(source);
  }

  /**
   * The detail-types it takes, e.g. {@code Set.of("LicenseExpired")}; for a schedule, the schedule
   * names.
   */
  Set<String> detailTypes();

  /**
   * Whether this consumer takes events of {@code source} and {@code detailType} (for a schedule,
   * its name); by default a source {@link #takesSource} takes and one of {@link #detailTypes()}. A
   * consumer of every event of some sources (the console's live channel) says so here.
   */
  default boolean takes(String source, String detailType) {
    return takesSource(source) && detailTypes().contains(detailType);
  }

  /**
   * Handles one event. Throwing makes the delivery fail: the event is forgotten as processed and
   * EventBridge/Lambda delivers it again; returning acknowledges it for good.
   */
  void accept(ReceivedEvent event);
}
