package dev.topgun.shared.entitlements;

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

  /** Whether licensed features still take writes (active, or in grace with a warning). */
  public boolean writable() {
    return this == ACTIVE || this == GRACE;
  }
}
