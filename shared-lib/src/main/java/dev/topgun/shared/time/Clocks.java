package dev.topgun.shared.time;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one source of "now" for functions: inject {@link Clock} rather than calling {@code
 * Instant.now()}, so that tests can replace it (e.g. {@code @MockBean(Clock.class)} or a
 * {@code @Replaces} factory returning {@link Clock#fixed}).
 *
 * <p>The system's clock, except where {@value #OFFSET_PROPERTY} is set when the function starts
 * (the local runtime sets it; AWS never does): then "now" is the system's plus that system
 * property's value in milliseconds, read at every call, so that the runtime's tests move the time
 * of every function they run — a license's grace and expiry — without waiting for it.
 */
@Factory
public class Clocks {

  /** The offset of the functions' "now" from the system's, in milliseconds (a system property). */
  public static final String OFFSET_PROPERTY = "topgun.clock.offset-millis";

  @Singleton
  public Clock clock(@Value("${" + OFFSET_PROPERTY + ":}") @Nullable String offset) {
    if (offset == null || offset.isBlank()) {
      return Clock.systemUTC();
    }
    return new OffsetClock(Clock.systemUTC(), () -> Long.getLong(OFFSET_PROPERTY, 0L));
  }
}
