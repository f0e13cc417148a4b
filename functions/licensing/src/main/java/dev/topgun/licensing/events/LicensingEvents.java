package dev.topgun.licensing.events;

import dev.topgun.shared.events.Event;

/**
 * The events licensing publishes (source {@code topgun.licensing}), each version 1, about the
 * licensed organization; and shared-lib's {@code LimitThresholdCrossed}, about the issuer's pool,
 * when handing a license down crosses 80 % or 100 % of one of the pool's limits.
 */
public final class LicensingEvents {

  public static final String ISSUED = "LicenseIssued";
  public static final String UPDATED = "LicenseUpdated";
  public static final String SUSPENDED = "LicenseSuspended";
  public static final String RESUMED = "LicenseResumed";
  public static final String REVOKED = "LicenseRevoked";
  public static final String GRACE_STARTED = "LicenseGraceStarted";
  public static final String EXPIRED = "LicenseExpired";

  private LicensingEvents() {}

  /** {@code name} (one of the five changes) about the license in {@code data}. */
  public static Event changed(String name, LicenseChangedV1 data) {
    return Event.of(name, data.organizationId(), data);
  }

  /** {@link #GRACE_STARTED} or {@link #EXPIRED} about the license in {@code data}. */
  public static Event expiry(String name, LicenseExpiryV1 data) {
    return Event.of(name, data.organizationId(), data);
  }
}
