package dev.topgun.licensing;

import dev.topgun.shared.time.Clocks;
import dev.topgun.shared.time.OffsetClock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the ITs move forward (property {@code test.clock=movable}): days pass in a call. */
@Factory
@Requires(property = "test.clock", value = "movable")
class TestClock {

  private static final AtomicLong OFFSET_MILLIS = new AtomicLong();
  static final Clock CLOCK = new OffsetClock(Clock.systemUTC(), OFFSET_MILLIS::get);

  @Singleton
  @Replaces(value = Clock.class, factory = Clocks.class)
  Clock clock() {
    return CLOCK;
  }

  static void advance(Duration by) {
    OFFSET_MILLIS.addAndGet(by.toMillis());
  }

  static void reset() {
    OFFSET_MILLIS.set(0);
  }

  /** The function's "now". */
  static Instant now() {
    return CLOCK.instant();
  }
}
