package dev.topgun.licensing.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What is stored of a license's status. {@code grace} and {@code expired} are not stored: they
 * follow from the time ({@link License#state}), so a license needs no job to expire.
 */
public enum LicenseStatus {
  ACTIVE,
  SUSPENDED,
  REVOKED;

  private final String value = name().toLowerCase(Locale.ROOT);

  public String value() {
    return value;
  }

  public static Optional<LicenseStatus> from(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }
}
