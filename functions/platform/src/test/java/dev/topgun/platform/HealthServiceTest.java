package dev.topgun.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.platform.domain.DependencyCheck;
import dev.topgun.platform.domain.Health;
import dev.topgun.platform.domain.HealthService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthServiceTest {

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch never = new CountDownLatch(1);

  @AfterEach
  void stop() {
    never.countDown();
    executor.shutdownNow();
  }

  private static DependencyCheck check(String name, ThrowingRunnable probe) {
    return new DependencyCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void probe() throws Exception {
        probe.run();
      }
    };
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void everyDependencyAnswers_isUp() {
    // given
    var service =
        new HealthService(
            List.of(check("table", () -> {}), check("events", () -> {})),
            executor,
            Clock.systemUTC());

    // when
    Health health = service.check(Duration.ofSeconds(2));

    // then
    assertThat(health.status()).isEqualTo(Health.Status.UP);
    assertThat(health.checks()).containsOnlyKeys("table", "events");
    assertThat(health.checks().values()).allMatch(c -> c.error() == null);
  }

  @Test
  void oneFailingDependency_isDownWithItsReason_andTheOthersStillReported() {
    // given
    var service =
        new HealthService(
            List.of(
                check("table", () -> {}),
                check(
                    "identity",
                    () -> {
                      throw new IllegalStateException("pool missing\nrequest id 42");
                    })),
            executor,
            Clock.systemUTC());

    // when
    Health health = service.check(Duration.ofSeconds(2));

    // then
    assertThat(health.status()).isEqualTo(Health.Status.DOWN);
    assertThat(health.checks().get("table").status()).isEqualTo(Health.Status.UP);
    assertThat(health.checks().get("identity").status()).isEqualTo(Health.Status.DOWN);
    assertThat(health.checks().get("identity").error())
        .isEqualTo("IllegalStateException: pool missing");
  }

  @Test
  void aDependencyThatHangs_isDownAfterTheDeadline_notWaitedFor() {
    // given
    var service =
        new HealthService(
            List.of(check("events", never::await), check("table", () -> {})),
            executor,
            Clock.systemUTC());

    // when
    Health health = service.check(Duration.ofMillis(200));

    // then
    assertThat(health.status()).isEqualTo(Health.Status.DOWN);
    assertThat(health.checks().get("events").error()).contains("no answer within 200 ms");
    assertThat(health.checks().get("table").status()).isEqualTo(Health.Status.UP);
  }
}
