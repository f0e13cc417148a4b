package dev.topgun.licensing.domain;

/**
 * The caller's rights on licenses, as the one check point answers them (the api implements it over
 * {@code Authorizer} and the feature gate): the service asks, in the order its rules need. Refusals
 * are shared-lib's: {@code NotFoundException} (404: the organization is not the caller's to see),
 * {@code ForbiddenException} (403), the gate's {@code FeatureNotLicensedException} and {@code
 * LicenseReadOnlyException} (403).
 */
public interface LicenseAccess {

  /** {@code licenses:write} (else {@code licenses:read}) on {@code orgId}; what was read of it. */
  Chain licensee(String orgId, boolean write);

  /**
   * {@code licenses:write} on the issuer (403 also where the caller cannot see it: they see the
   * license); when {@code resells}, the issuer's own license must hold {@code resell_licenses} and
   * take writes — a reseller's licenses are its licensed feature.
   */
  void mayIssueFrom(String issuerOrgId, boolean resells);
}
