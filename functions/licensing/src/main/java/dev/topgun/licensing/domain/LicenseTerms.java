package dev.topgun.licensing.domain;

import dev.topgun.shared.entitlements.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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

  /** The features as the API and the document spell them, sorted. */
  public List<String> featureValues() {
    return features.stream().map(Feature::value).sorted().toList();
  }

  /** The limits as the API and the document spell them ({@code max_users} → n), sorted. */
  public Map<String, Long> limitValues() {
    Map<String, Long> values = new TreeMap<>();
    limits.forEach((limit, max) -> values.put(limit.value(), max));
    return values;
  }

  public LicenseTerms withFeatures(Set<Feature> newFeatures) {
    return new LicenseTerms(
        licenseType, tier, newFeatures, limits, authorizedDomains, issuedAt, expiresAt, graceDays);
  }

  /** Whether {@code other} ends at another time: a renewed license is announced again. */
  public boolean endsOtherwiseThan(LicenseTerms other) {
    return !Objects.equals(expiresAt, other.expiresAt) || graceDays != other.graceDays;
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
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LicenseType> from(String value) {
      return Arrays.stream(values()).filter(v -> v.value().equals(value)).findFirst();
    }
  }

  /** The tiers a license is sold at. */
  public enum Tier {
    BASIC,
    PROFESSIONAL,
    ENTERPRISE;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Tier> from(String value) {
      return Arrays.stream(values()).filter(v -> v.value().equals(value)).findFirst();
    }
  }
}
