package dev.topgun.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderedDeliveriesTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    timer.shutdownNow();
  }

  private OrderedDeliveries deliveries(Duration... retryDelays) {
    return new OrderedDeliveries(pool, timer, List.of(retryDelays));
  }

  @Test
  void oneKeysDeliveries_runInSubmissionOrder_evenOnManyThreads() throws InterruptedException {
    // given
    OrderedDeliveries deliveries = deliveries();
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch all = new CountDownLatch(200);

    // when
    for (int i = 0; i < 200; i++) {
      int n = i;
      deliveries.submit(
          "org-1",
          new OrderedDeliveries.Delivery(
              "d" + n,
              () -> {
                seen.add(n);
                all.countDown();
                return true;
              },
              () -> {}));
    }

    // then
    assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).isSorted().hasSize(200);
  }

  @Test
  void aFailedDelivery_isRetried_beforeTheOnesBehindIt() throws InterruptedException {
    // given
    OrderedDeliveries deliveries = deliveries(Duration.ofMillis(10), Duration.ofMillis(10));
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);

    // when
    deliveries.submit(
        "k",
        new OrderedDeliveries.Delivery(
            "flaky",
            () -> {
              seen.add("flaky#" + attempts.incrementAndGet());
              return attempts.get() == 3;
            },
            () -> seen.add("given up")));
    deliveries.submit(
        "k",
        new OrderedDeliveries.Delivery(
            "next",
            () -> {
              seen.add("next");
              done.countDown();
              return true;
            },
            () -> {}));

    // then
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).containsExactly("flaky#1", "flaky#2", "flaky#3", "next");
  }

  @Test
  void afterTwoRetries_aDeliveryIsGivenUp_andTheRestGoOn() throws InterruptedException {
    // given
    OrderedDeliveries deliveries = deliveries(Duration.ofMillis(5), Duration.ofMillis(5));
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);

    // when
    deliveries.submit(
        "k",
        new OrderedDeliveries.Delivery(
            "broken",
            () -> {
              seen.add("try");
              throw new IllegalStateException("always");
            },
            () -> seen.add("given up")));
    deliveries.submit(
        "k",
        new OrderedDeliveries.Delivery(
            "next",
            () -> {
              seen.add("next");
              done.countDown();
              return true;
            },
            () -> {}));

    // then
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).containsExactly("try", "try", "try", "given up", "next");
  }

  @Test
  void otherKeys_areNotHeldBack_byARetryingOne() throws InterruptedException {
    // given
    OrderedDeliveries deliveries = deliveries(Duration.ofSeconds(30));
    CountDownLatch other = new CountDownLatch(1);

    // when
    deliveries.submit("slow", new OrderedDeliveries.Delivery("x", () -> false, () -> {}));
    deliveries.submit(
        "fast",
        new OrderedDeliveries.Delivery(
            "y",
            () -> {
              other.countDown();
              return true;
            },
            () -> {}));

    // then
    assertThat(other.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
