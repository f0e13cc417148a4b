package dev.topgun.licensing.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a signed license document says: JWT-style {@code iss}, {@code sub}, {@code iat} and {@code
 * exp} (the end of grace; null for a license that never expires) and the license's terms, spelled
 * as the API spells them (its answers take them from here). Its status is not in it: revocation is
 * answered online by validation.
 */
public record LicenseDocument(
    String iss,
    String sub,
    long iat,
    Long exp,
    String id,
    String organizationId,
    String licenseType,
    String tier,
    List<String> features,
    Map<String, Long> limits,
    List<String> authorizedDomains,
    Instant issuedAt,
    Instant expiresAt,
    int graceDays) {

  static final String ISSUER = "topgun";

  public static LicenseDocument of(License license) {
    LicenseTerms terms = license.terms();
    return new LicenseDocument(
        ISSUER,
        license.id(),
        terms.issuedAt().getEpochSecond(),
        terms.graceEndsAt().map(Instant::getEpochSecond).orElse(null),
        license.id(),
        license.orgId(),
        terms.licenseType().value(),
        terms.tier().value(),
        terms.featureValues(),
        terms.limitValues(),
        terms.authorizedDomains(),
        terms.issuedAt(),
        terms.expiresAt(),
        terms.graceDays());
  }
}
