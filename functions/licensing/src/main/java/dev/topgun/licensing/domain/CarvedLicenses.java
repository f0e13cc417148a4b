package dev.topgun.licensing.domain;

import dev.topgun.licensing.events.LicensingEvents;
import dev.topgun.shared.audit.AuditContext;

/**
 * What follows for the licenses carved from a changed one, down the whole tree of them: they are
 * brought within it (features it no longer holds dropped, the end clamped) and re-signed; a
 * suspension or revocation suspends them ({@link Suspension#ISSUER}), and resuming it resumes
 * those, not the ones suspended on their own. Each is read afresh before it is changed.
 */
final class CarvedLicenses {

  private final Licenses licenses;
  private final SigningKeyService signing;

  CarvedLicenses(Licenses licenses, SigningKeyService signing) {
    this.licenses = licenses;
    this.signing = signing;
  }

  /** Brings every license carved from {@code issuer} within it. */
  void bringWithin(License issuer, AuditContext audit) {
    for (License child : licenses.issuedBy(issuer.orgId())) {
      License fresh = licenses.find(child.id()).orElse(child);
      if (fresh.isRevoked()) {
        continue;
      }
      LicenseTerms within = Resale.within(issuer.terms(), fresh.terms());
      if (!within.equals(fresh.terms())) {
        License stored =
            write(
                signing.sign(fresh.withTerms(within)),
                "license.reevaluated",
                LicensingEvents.UPDATED,
                audit);
        bringWithin(stored, audit);
      }
    }
  }

  /** Suspends every active license carved from {@code issuer}, and theirs. */
  void suspend(License issuer, AuditContext audit) {
    for (License child : licenses.issuedBy(issuer.orgId())) {
      License fresh = licenses.find(child.id()).orElse(child);
      if (fresh.status() == LicenseStatus.ACTIVE) {
        suspend(suspendOne(fresh, Suspension.ISSUER, audit), audit);
      }
    }
  }

  License suspendOne(License license, Suspension why, AuditContext audit) {
    return write(
        license.withStatus(LicenseStatus.SUSPENDED, why),
        "license.suspended",
        LicensingEvents.SUSPENDED,
        audit);
  }

  /** Resumes {@code license}, then the licenses its issuer's suspension suspended below it. */
  License resume(License license, AuditContext audit) {
    License stored =
        write(
            license.withStatus(LicenseStatus.ACTIVE, null),
            "license.resumed",
            LicensingEvents.RESUMED,
            audit);
    for (License child : licenses.issuedBy(stored.orgId())) {
      License fresh = licenses.find(child.id()).orElse(child);
      if (fresh.status() == LicenseStatus.SUSPENDED && fresh.suspendedBy() == Suspension.ISSUER) {
        resume(fresh, audit);
      }
    }
    return stored;
  }

  /** Writes {@code next}, its audit entry {@code action} and the event {@code event} about it. */
  License write(License next, String action, String event, AuditContext audit) {
    return licenses.change(next, LicenseChange.of(audit, action, Facts.changed(event, next)));
  }
}
