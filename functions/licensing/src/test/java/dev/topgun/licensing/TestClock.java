package dev.topgun.licensing;

import dev.topgun.shared.time.Clocks;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the ITs move forward (property {@code test.clock=movable}): days pass in a call. */
@Factory
@Requires(property = "test.clock", value = "movable")
class TestClock {

  static final Movable CLOCK = new Movable();

  @Singleton
  @Replaces(value = Clock.class, factory = Clocks.class)
  Clock clock() {
    return CLOCK;
  }

  /** The system clock plus an offset the test sets. */
  static final class Movable extends Clock {

    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
      offset = offset.plus(by);
    }

    void reset() {
      offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }
}
