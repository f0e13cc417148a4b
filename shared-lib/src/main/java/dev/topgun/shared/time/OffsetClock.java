package dev.topgun.shared.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * A clock moved forward by an offset that is read at every call: whoever holds the offset moves it
 * (the local runtime for its functions, see {@link Clocks}; a test). On the system clock time keeps
 * passing; on a fixed one it stands still between moves. {@link Clock#offset} fixes its offset
 * once, which is why this exists.
 */
public class OffsetClock extends Clock {

  private final Clock base;
  private final LongSupplier offsetMillis;

  public OffsetClock(Clock base, LongSupplier offsetMillis) {
    this.base = base;
    this.offsetMillis = offsetMillis;
  }

  @Override
  public Instant instant() {
    return base.instant().plusMillis(offsetMillis.getAsLong());
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  /** Always this clock: every function reads UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
