package dev.topgun.local.http;

import dev.topgun.shared.routes.Route;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The route table's method throttles, as API Gateway applies them: one token bucket per route for
 * all callers, refilled at {@code rate} per second up to {@code burst}. A request that finds the
 * bucket empty is answered 429 before any function runs.
 */
final class RouteThrottles {

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

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

  private static Bucket bucket(Route.Throttle throttle) {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(throttle.burst())
                .refillGreedy(throttle.rate(), Duration.ofSeconds(1))
                .build())
        .build();
  }
}
