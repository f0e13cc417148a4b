package dev.topgun.licensing.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a license is suspended: {@link #DIRECT}ly, or because the license it is carved from stopped
 * ({@link #ISSUER}), in which case resuming that one resumes it too.
 */
public enum Suspension {
  DIRECT("direct"),
  ISSUER("issuer");

  private final String value;

  Suspension(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<Suspension> from(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }
}
