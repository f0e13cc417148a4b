package dev.topgun.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.routes.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The throttles on a time that moves only when the test moves it: what passes is what the route
 * table's rate and burst allow, exactly, however fast the machine is.
 */
class RouteThrottlesTest {

  static final Route VALIDATE =
      new Route(
          "POST", "/v1/licenses/validate", "licensing", "public", new Route.Throttle(50, 100));

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
  private final RouteThrottles throttles = new RouteThrottles(now::get);

  private long passing(int requests) {
    return IntStream.range(0, requests).filter(i -> throttles.tryPass(VALIDATE)).count();
  }

  private void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  @Test
  void aBurstPasses_andTheNextRequestIsThrottled() {
    // when / then
    assertThat(passing(100)).isEqualTo(100);
    assertThat(throttles.tryPass(VALIDATE)).isFalse();
  }

  @Test
  void theBucketRefillsAtTheRate_andNeverPastTheBurst() {
    // given: drained
    passing(100);

    // when / then: 50 a second, one every 20 ms
    advance(Duration.ofMillis(19));
    assertThat(throttles.tryPass(VALIDATE)).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(passing(2)).isEqualTo(1);
    advance(Duration.ofSeconds(1));
    assertThat(passing(60)).isEqualTo(50);
    advance(Duration.ofMinutes(1));
    assertThat(passing(200)).isEqualTo(100);
  }

  @Test
  void aRouteWithoutAThrottle_alwaysPasses_andRoutesHaveBucketsOfTheirOwn() {
    // given
    Route keys = new Route("GET", "/v1/licensing/keys", "licensing", "public", null);
    Route other = new Route("POST", "/v1/other", "platform", "public", new Route.Throttle(1, 1));
    passing(100);

    // when / then
    assertThat(IntStream.range(0, 500).allMatch(i -> throttles.tryPass(keys))).isTrue();
    assertThat(throttles.tryPass(other)).isTrue();
    assertThat(throttles.tryPass(other)).isFalse();
  }
}
