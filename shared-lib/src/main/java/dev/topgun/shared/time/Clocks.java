package dev.topgun.shared.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one source of "now" for functions: inject {@link Clock} rather than calling {@code
 * Instant.now()}, so that tests can replace it (e.g. {@code @MockBean(Clock.class)} or a
 * {@code @Replaces} factory returning {@link Clock#fixed}).
 */
@Factory
public class Clocks {

  @Singleton
  public Clock clock() {
    return Clock.systemUTC();
  }
}
