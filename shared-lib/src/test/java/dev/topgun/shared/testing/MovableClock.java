package dev.topgun.shared.testing;

import dev.topgun.shared.time.OffsetClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that stands still at {@code start} until a test moves it forward. */
public final class MovableClock extends OffsetClock {

  private final AtomicLong elapsedMillis;

  public MovableClock(Instant start) {
    this(start, new AtomicLong());
  }

  private MovableClock(Instant start, AtomicLong elapsedMillis) {
    super(Clock.fixed(start, ZoneOffset.UTC), elapsedMillis::get);
    this.elapsedMillis = elapsedMillis;
  }

  public void advance(Duration by) {
    elapsedMillis.addAndGet(by.toMillis());
  }
}
