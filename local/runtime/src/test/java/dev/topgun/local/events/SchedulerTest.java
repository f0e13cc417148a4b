package dev.topgun.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.emulators.Json;
import dev.topgun.emulators.Repo;
import dev.topgun.local.lambda.Invocation;
import dev.topgun.local.lambda.Invoker;
import dev.topgun.shared.routes.EventRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  record Fired(String function, JsonNode event) {}

  private final List<Fired> fired = new ArrayList<>();

  private final Invoker recorder =
      new Invoker() {
        @Override
        public boolean exists(String function) {
          return true;
        }

        @Override
        public Invocation invoke(String function, byte[] payload) {
          synchronized (fired) {
            try {
              fired.add(new Fired(function, Json.parse(payload)));
            } catch (IOException e) {
              throw new AssertionError(e);
            }
            fired.notifyAll();
          }
          return Invocation.ok("null".getBytes(StandardCharsets.UTF_8));
        }
      };

  private static final EventRules.Schedule SWEEP =
      new EventRules.Schedule("licensing-sweep", "rate(15 minutes)", "licensing");
  private static final EventRules.Schedule NIGHTLY =
      new EventRules.Schedule("nightly", "cron(0 3 * * ? *)", "platform");

  @Test
  void firedSchedule_sendsItsFunctionTheScheduledEvent_thatTopgunsRuleSendsInAws()
      throws IOException {
    // given
    Scheduler scheduler =
        new Scheduler(
            List.of(SWEEP),
            "eu-west-1",
            "000000000000",
            recorder,
            Runnable::run,
            Clock.fixed(Instant.parse("2026-11-25T12:15:00.750Z"), ZoneOffset.UTC),
            null);

    // when
    scheduler.fire(SWEEP);

    // then
    assertThat(fired).hasSize(1);
    JsonNode event = fired.get(0).event();
    assertThat(fired.get(0).function()).isEqualTo("licensing");
    assertThat(event.path("source").asText()).isEqualTo("aws.events");
    assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(event.path("time").asText()).isEqualTo("2026-11-25T12:15:00Z");
    assertThat(event.path("resources").get(0).asText())
        .isEqualTo("arn:aws:events:eu-west-1:000000000000:rule/licensing-sweep");
    assertThat(event.path("detail").path("schedule").asText()).isEqualTo("licensing-sweep");
    assertThat(event.path("id").asText()).isNotBlank();
    // the same members as the fixture shared-lib's handler tests read
    JsonNode fixture =
        Json.parse(
            Files.readAllBytes(
                Repo.root()
                    .resolve("shared-lib/src/test/resources/events/eventbridge-scheduled.json")));
    assertThat(members(event)).isEqualTo(members(fixture));
    assertThat(members(event.path("detail"))).isEqualTo(members(fixture.path("detail")));
  }

  @Test
  void eachFiring_isAnEventOfItsOwn() {
    // given
    Scheduler scheduler =
        new Scheduler(
            List.of(SWEEP),
            "us-east-1",
            "000000000000",
            recorder,
            Runnable::run,
            Clock.systemUTC(),
            null);

    // when
    scheduler.fire(SWEEP);
    scheduler.fire(SWEEP);

    // then
    assertThat(fired.get(0).event().path("id").asText())
        .isNotEqualTo(fired.get(1).event().path("id").asText());
  }

  @Test
  void rateSchedules_fireOnTheirRate_cronSchedulesNot_unlessAPeriodIsGivenForAll() {
    // given
    Scheduler own = scheduler(null);
    Scheduler overridden = scheduler(Duration.ofMillis(50));

    // then
    assertThat(own.period(SWEEP)).contains(Duration.ofMinutes(15));
    assertThat(own.period(NIGHTLY)).isEmpty();
    assertThat(overridden.period(SWEEP)).contains(Duration.ofMillis(50));
    assertThat(overridden.period(NIGHTLY)).contains(Duration.ofMillis(50));
  }

  @Test
  void started_firesEachScheduleAgainAndAgain_onThePeriodGiven() throws InterruptedException {
    // given
    try (Scheduler scheduler = scheduler(Duration.ofMillis(50))) {

      // when
      scheduler.start();

      // then: the 15-minute sweep fired three times within seconds
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      synchronized (fired) {
        while (fired.stream().filter(f -> f.function().equals("licensing")).count() < 3
            && System.nanoTime() < deadline) {
          fired.wait(100);
        }
        assertThat(fired)
            .filteredOn(f -> f.function().equals("licensing"))
            .hasSizeGreaterThanOrEqualTo(3);
      }
    }
  }

  private Scheduler scheduler(Duration periodOverride) {
    return new Scheduler(
        List.of(SWEEP, NIGHTLY),
        "us-east-1",
        "000000000000",
        recorder,
        Runnable::run,
        Clock.systemUTC(),
        periodOverride);
  }

  private static Set<String> members(JsonNode object) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
