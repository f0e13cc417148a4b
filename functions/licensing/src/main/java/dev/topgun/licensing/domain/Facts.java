package dev.topgun.licensing.domain;

import dev.topgun.licensing.events.LicenseChangedV1;
import dev.topgun.licensing.events.LicenseExpiryV1;
import dev.topgun.licensing.events.LicensingEvents;
import dev.topgun.shared.events.Event;

/** The published facts of licensing's changes, in their versioned contracts ({@code events}). */
final class Facts {

  private Facts() {}

  /** {@code name} ({@link LicensingEvents#ISSUED}, …) about {@code license} after the change. */
  static Event changed(String name, License license) {
    return LicensingEvents.changed(
        name,
        new LicenseChangedV1(
            license.id(),
            license.orgId(),
            license.status().value(),
            license.terms().tier().value(),
            license.issuerOrgId()));
  }

  /** The announcement of {@code notice} about {@code license}. */
  static Event expiry(Notice notice, License license) {
    return LicensingEvents.expiry(
        notice == Notice.GRACE ? LicensingEvents.GRACE_STARTED : LicensingEvents.EXPIRED,
        new LicenseExpiryV1(
            license.id(),
            license.orgId(),
            license.terms().expiresAt(),
            license.terms().graceEndsAt().orElse(license.terms().expiresAt())));
  }
}
