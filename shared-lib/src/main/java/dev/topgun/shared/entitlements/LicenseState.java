package dev.topgun.shared.entitlements;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** A license's state at a moment (see {@link Entitlements#state}). */
public enum LicenseState {
  ACTIVE,
  GRACE,
  EXPIRED,
  SUSPENDED,
  REVOKED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * A license's state at {@code now}: a stored {@code suspended} or {@code revoked} wins; otherwise
   * {@code active} until {@code expiresAt} (never, when null), {@code grace} for {@code graceDays}
   * after, then {@code expired}.
   */
  public static LicenseState at(String status, Instant expiresAt, int graceDays, Instant now) {
    if ("revoked".equals(status)) {
      return REVOKED;
    }
    if ("suspended".equals(status)) {
      return SUSPENDED;
    }
    if (expiresAt == null || now.isBefore(expiresAt)) {
      return ACTIVE;
    }
    return now.isBefore(expiresAt.plus(Duration.ofDays(graceDays))) ? GRACE : EXPIRED;
  }

  /** Whether licensed features still take writes (active, or in grace with a warning). */
  public boolean writable() {
    return this == ACTIVE || this == GRACE;
  }
}
