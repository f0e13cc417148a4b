package dev.topgun.local.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.Json;
import dev.topgun.local.lambda.Invocation;
import dev.topgun.local.lambda.Invoker;
import dev.topgun.shared.routes.EventRules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedules of {@code event-rules.json} on this machine: each {@code rate(…)} schedule fires
 * its function with the event a Topgun schedule rule delivers in AWS, EventBridge's scheduled event
 * with the schedule's name in {@code detail} ({@code {"source": "aws.events", "detail-type":
 * "Scheduled Event", "resources": ["arn:aws:events:…:rule/<name>"], "detail": {"schedule":
 * "<name>"}}}), first one period after the start, then every period.
 *
 * <p>The period may be overridden for all schedules at once ({@code TOPGUN_SCHEDULE_PERIOD}, {@code
 * LocalConfig.withSchedulePeriod}), so that a test or a developer need not wait 15 minutes; {@code
 * cron(…)} schedules fire only then, on that period (their calendar is not emulated).
 */
public final class Scheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  private final List<EventRules.Schedule> schedules;
  private final String region;
  private final String account;
  private final Invoker invoker;
  private final Executor deliveries;
  private final Clock clock;
  private final Duration periodOverride;
  private final ScheduledExecutorService timer;

  /**
   * @param periodOverride the period of every schedule, whatever its expression; {@code null} for
   *     each schedule's own rate
   */
  public Scheduler(
      List<EventRules.Schedule> schedules,
      String region,
      String account,
      Invoker invoker,
      Executor deliveries,
      Clock clock,
      Duration periodOverride) {
    this.schedules = List.copyOf(schedules);
    this.region = region;
    this.account = account;
    this.invoker = invoker;
    this.deliveries = deliveries;
    this.clock = clock;
    this.periodOverride = periodOverride;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "schedules");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts the timers; a schedule fires first one period from now. */
  public void start() {
    for (EventRules.Schedule schedule : schedules) {
      Duration period = period(schedule).orElse(null);
      if (period == null) {
        LOG.warn(
            "schedule {} ({}) is not fired locally: only rate(…) expressions are, unless"
                + " TOPGUN_SCHEDULE_PERIOD sets a period for every schedule",
            schedule.name(),
            schedule.expression());
        continue;
      }
      LOG.info(
          "schedule {} runs {} every {}", schedule.name(), schedule.function(), period.toString());
      long millis = Math.max(1, period.toMillis());
      timer.scheduleAtFixedRate(() -> fire(schedule), millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /** How often {@code schedule} fires here: the override, else its rate; none for a cron. */
  Optional<Duration> period(EventRules.Schedule schedule) {
    return periodOverride != null ? Optional.of(periodOverride) : schedule.rate();
  }

  /** Delivers one scheduled event of {@code schedule} to its function, asynchronously. */
  public void fire(EventRules.Schedule schedule) {
    byte[] payload = Json.text(event(schedule, clock.instant())).getBytes(StandardCharsets.UTF_8);
    deliveries.execute(() -> invoke(schedule, payload));
  }

  /** The scheduled event as the schedule's rule delivers it in AWS. */
  public ObjectNode event(EventRules.Schedule schedule, Instant firedAt) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", "Scheduled Event");
    event.put("source", "aws.events");
    event.put("account", account);
    event.put(
        "time", DateTimeFormatter.ISO_INSTANT.format(firedAt.truncatedTo(ChronoUnit.SECONDS)));
    event.put("region", region);
    event
        .putArray("resources")
        .add("arn:aws:events:" + region + ":" + account + ":rule/" + schedule.name());
    event.putObject("detail").put("schedule", schedule.name());
    return event;
  }

  private void invoke(EventRules.Schedule schedule, byte[] event) {
    try {
      Invocation result = invoker.invoke(schedule.function(), event);
      if (result.failed()) {
        LOG.warn(
            "schedule {}: {} failed: {}",
            schedule.name(),
            schedule.function(),
            result.payloadText());
      }
    } catch (RuntimeException e) {
      LOG.warn("schedule {}: delivery to {} failed: {}", schedule.name(), schedule.function(), e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
