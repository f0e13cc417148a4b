package dev.topgun.organizations.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether an organization is in use ({@code active}) or deleted and restorable ({@code inactive}).
 * Deactivation is inherited: an active organization below an inactive one is shown inactive.
 */
public enum OrganizationStatus {
  ACTIVE,
  INACTIVE;

  private final String value = name().toLowerCase(Locale.ROOT);

  /** As the API and the table spell it. */
  public String value() {
    return value;
  }

  public static Optional<OrganizationStatus> from(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }

  @Override
  public String toString() {
    return value;
  }
}
