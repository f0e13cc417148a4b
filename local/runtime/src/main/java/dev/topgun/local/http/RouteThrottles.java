package dev.topgun.local.http;

import dev.topgun.shared.routes.Route;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The route table's method throttles, as API Gateway applies them: one token bucket per route for
 * all callers, refilled at {@code rate} per second up to {@code burst}. A request that finds the
 * bucket empty is answered 429 before any function runs. The buckets refill on {@code time}: the
 * system's clock, or in tests one that moves only when told, so that a test drains and refills a
 * bucket exactly however fast the machine is.
 */
final class RouteThrottles {

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final TimeMeter meter;

  RouteThrottles(InstantSource time) {
    this.meter =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            Instant now = time.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
  }

  /** Whether a request to {@code route} may pass now (always, for a route without a throttle). */
  boolean tryPass(Route route) {
    Route.Throttle throttle = route.throttle();
    if (throttle == null) {
      return true;
    }
    return buckets
        .computeIfAbsent(route.method() + " " + route.path(), key -> bucket(throttle))
        .tryConsume(1);
  }

  private Bucket bucket(Route.Throttle throttle) {
    return Bucket.builder()
        .withCustomTimePrecision(meter)
        .addLimit(
            Bandwidth.builder()
                .capacity(throttle.burst())
                .refillGreedy(throttle.rate(), Duration.ofSeconds(1))
                .build())
        .build();
  }
}
