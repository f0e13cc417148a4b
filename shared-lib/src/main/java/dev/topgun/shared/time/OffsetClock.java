package dev.topgun.shared.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * The system clock (UTC) moved forward by an offset that is read at every call: time keeps passing,
 * and whoever holds the offset moves it (a test, or the local runtime for its functions, see {@link
 * Clocks}). {@link Clock#offset} fixes its offset once, which is why this exists.
 */
public final class OffsetClock extends Clock {

  private final LongSupplier offsetMillis;

  public OffsetClock(LongSupplier offsetMillis) {
    this.offsetMillis = offsetMillis;
  }

  @Override
  public Instant instant() {
    return Instant.now().plusMillis(offsetMillis.getAsLong());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
