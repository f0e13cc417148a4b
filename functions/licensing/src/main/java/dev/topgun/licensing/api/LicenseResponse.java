package dev.topgun.licensing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.licensing.domain.License;
import dev.topgun.licensing.domain.LicenseDocument;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A license as the API answers it, with its status at the moment of the answer ({@code grace} and
 * {@code expired} follow from the time).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LicenseResponse(
    String id,
    String organizationId,
    String key,
    String licenseType,
    String tier,
    List<String> features,
    Map<String, Long> limits,
    List<String> authorizedDomains,
    Instant issuedAt,
    @Nullable Instant expiresAt,
    int graceDays,
    String status,
    @Nullable Instant graceEndsAt,
    @Nullable String issuerOrganizationId) {

  static LicenseResponse of(License license, Instant now) {
    LicenseDocument terms = LicenseDocument.of(license);
    return new LicenseResponse(
        license.id(),
        license.orgId(),
        license.key(),
        terms.licenseType(),
        terms.tier(),
        terms.features(),
        terms.limits(),
        terms.authorizedDomains(),
        terms.issuedAt(),
        terms.expiresAt(),
        terms.graceDays(),
        license.state(now).value(),
        license.terms().graceEndsAt().orElse(null),
        license.issuerOrgId());
  }
}
