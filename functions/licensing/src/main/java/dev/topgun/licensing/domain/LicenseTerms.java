package dev.topgun.licensing.domain;

import dev.topgun.shared.entitlements.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a license grants, checked: its type and tier, features, limits (a limit absent is not
 * limited), the host names it serves, when it ends ({@code null}: never) and the grace after.
 */
public record LicenseTerms(
    LicenseType licenseType,
    Tier tier,
    Set<Feature> features,
    Map<Limit, Long> limits,
    List<String> authorizedDomains,
    Instant issuedAt,
    Instant expiresAt,
    int graceDays) {

  public static final int MAX_GRACE_DAYS = 365;
  public static final int MAX_DOMAINS = 100;

  public LicenseTerms {
    features =
        features.isEmpty()
            ? Collections.unmodifiableSet(EnumSet.noneOf(Feature.class))
            : Collections.unmodifiableSet(EnumSet.copyOf(features));
    limits = limits.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(limits));
    authorizedDomains = List.copyOf(authorizedDomains);
  }

  /** When grace ends, or empty when the license never expires. */
  public Optional<Instant> graceEndsAt() {
    return Optional.ofNullable(expiresAt).map(e -> e.plus(Duration.ofDays(graceDays)));
  }

  public LicenseTerms withFeatures(Set<Feature> newFeatures) {
    return new LicenseTerms(
        licenseType, tier, newFeatures, limits, authorizedDomains, issuedAt, expiresAt, graceDays);
  }

  public LicenseTerms withExpiresAt(Instant newExpiresAt) {
    return new LicenseTerms(
        licenseType, tier, features, limits, authorizedDomains, issuedAt, newExpiresAt, graceDays);
  }

  /** The kinds of license. */
  public enum LicenseType {
    PERPETUAL,
    SUBSCRIPTION,
    TRIAL;

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The tiers a license is sold at. */
  public enum Tier {
    BASIC,
    PROFESSIONAL,
    ENTERPRISE;

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
