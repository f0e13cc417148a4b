package dev.topgun.licensing.domain;

import dev.topgun.shared.store.Revision;

/**
 * Which license an organization holds now, as every domain reads it for its entitlements: a new
 * license replaces it only if it is still the one read.
 */
public record CurrentLicense(String licenseId, LicenseStatus status, Revision revision) {

  public boolean isRevoked() {
    return status == LicenseStatus.REVOKED;
  }
}
