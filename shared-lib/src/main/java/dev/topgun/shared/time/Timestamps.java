package dev.topgun.shared.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * ISO-8601 UTC timestamps of fixed width ({@code 2025-01-31T12:00:00.000Z}), so that they sort as
 * strings: {@link Instant#toString()} drops zero fractions and would put {@code 12:00:00Z} after
 * {@code 12:00:00.5Z}. Use them in items and in sort keys.
 */
public final class Timestamps {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static String format(Instant instant) {
    return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  public static String now(Clock clock) {
    return format(clock.instant());
  }

  /**
   * @throws IllegalArgumentException if {@code text} is not an ISO-8601 instant
   */
  public static Instant parse(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Not an ISO-8601 instant: " + text, e);
    }
  }
}
