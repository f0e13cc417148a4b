package dev.topgun.licensing.api;

import dev.topgun.licensing.api.TermsConstraints.AuthorizedDomain;
import dev.topgun.licensing.api.TermsConstraints.HostName;
import dev.topgun.licensing.api.TermsConstraints.IsoInstant;
import dev.topgun.licensing.domain.Feature;
import dev.topgun.licensing.domain.LicenseTerms.LicenseType;
import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.licensing.domain.RequestedTerms;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.http.JsonRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bodies of the license endpoints. Types, tiers, features and limits are strings checked by
 * their patterns (so that Bean Validation names every bad field of a body at once, where an enum
 * that does not parse would stop at the first); {@link #terms} reads them as the domain's types.
 * The patterns spell the domain's enums ({@code LicenseRequestsTest} keeps them equal).
 */
final class LicenseRequests {

  static final String TYPES = "perpetual|subscription|trial";
  static final String TIERS = "basic|professional|enterprise";
  static final String FEATURES =
      "white_label|terraform_provisioning|advanced_deployments|payment_processing"
          + "|domain_management|api_access|resell_licenses";
  static final String LIMITS =
      "max_users|max_servers|max_applications|max_domains|max_child_organizations"
          + "|max_cpu_cores|max_memory_gb|api_requests_per_minute";
  static final long MAX_LIMIT = 1_000_000_000L;
  static final String LIMIT_RANGE = "must be 0 to " + MAX_LIMIT;

  private LicenseRequests() {}

  /**
   * Checks that only issuing makes: a new license names its type and tier (a change may leave them
   * as they are).
   */
  interface Issuing {}

  /**
   * The terms of {@code POST /v1/organizations/{orgId}/licenses} (validated with {@link Issuing}
   * too) and {@code PATCH /v1/licenses/{licenseId}} — renew ({@code expiresAt}), change tier,
   * features, limits, domains or grace: what is present changes, {@code limits} and {@code
   * features} replace the whole set.
   */
  @JsonRequest
  public record Terms(
      @NotNull(groups = Issuing.class)
          @Pattern(regexp = TYPES, message = "must be one of perpetual, subscription, trial")
          String licenseType,
      @NotNull(groups = Issuing.class)
          @Pattern(regexp = TIERS, message = "must be one of basic, professional, enterprise")
          String tier,
      @Nullable @Size(max = 20)
          List<@NotNull @Pattern(regexp = FEATURES, message = "is not a feature") String> features,
      @Nullable @Size(max = 20)
          Map<
                  @Pattern(regexp = LIMITS, message = "is not a limit") String,
                  @NotNull(message = LIMIT_RANGE) @Min(value = 0, message = LIMIT_RANGE)
                  @Max(value = MAX_LIMIT, message = LIMIT_RANGE) Long>
              limits,
      @Nullable @Size(max = 100)
          List<@NotBlank @Size(max = 255) @AuthorizedDomain String> authorizedDomains,
      @Nullable @IsoInstant String expiresAt,
      @Nullable @Min(0) @Max(365) Integer graceDays) {

    /** A change that names nothing is a mistake, not a no-op. */
    boolean isEmpty() {
      return licenseType == null
          && tier == null
          && features == null
          && limits == null
          && authorizedDomains == null
          && expiresAt == null
          && graceDays == null;
    }

    /** The typed terms of a valid body (a field absent stays null). */
    RequestedTerms toRequested() {
      return new RequestedTerms(
          licenseType == null ? null : LicenseType.from(licenseType).orElseThrow(),
          tier == null ? null : Tier.from(tier).orElseThrow(),
          features == null ? null : LicenseRequests.features(features),
          limits == null ? null : LicenseRequests.limits(limits),
          authorizedDomains,
          expiresAt == null ? null : Instant.parse(expiresAt),
          graceDays);
    }
  }

  /** {@code POST /v1/licenses/validate}. */
  @JsonRequest
  public record Validate(
      @NotNull @Size(max = 64) String key, @Nullable @Size(max = 253) @HostName String domain) {}

  private static Set<Feature> features(List<String> values) {
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    values.forEach(v -> features.add(Feature.from(v).orElseThrow()));
    return features;
  }

  private static Map<Limit, Long> limits(Map<String, Long> values) {
    Map<Limit, Long> limits = new EnumMap<>(Limit.class);
    values.forEach((name, max) -> limits.put(Limit.from(name).orElseThrow(), max));
    return limits;
  }
}
