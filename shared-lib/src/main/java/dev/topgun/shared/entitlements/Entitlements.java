package dev.topgun.shared.entitlements;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What an organization may use: the license of the nearest licensed organization at or above it
 * (its pool) — or nothing limited when no organization up to the root holds one (the operator's own
 * tree is unlimited).
 *
 * @param poolOrgId the licensed organization whose pool usage is counted on; null when unlimited
 */
public record Entitlements(
    @Nullable String poolOrgId,
    @Nullable String licenseId,
    @Nullable String status,
    Set<String> features,
    Map<Limit, Long> limits,
    @Nullable Instant expiresAt,
    int graceDays) {

  public Entitlements {
    features = Set.copyOf(features);
    limits = limits.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(limits));
  }

  /** No license anywhere up the tree: nothing is limited. */
  public static Entitlements unlimited() {
    return new Entitlements(null, null, null, Set.of(), Map.of(), null, 0);
  }

  /** When the grace period ends, or empty for a perpetual license. */
  public Optional<Instant> graceEndsAt() {
    return expiresAt == null
        ? Optional.empty()
        : Optional.of(expiresAt.plus(Duration.ofDays(graceDays)));
  }

  /**
   * The license's state at {@code now}: a stored {@code suspended} or {@code revoked} wins;
   * otherwise {@code active} until {@code expiresAt}, {@code grace} for {@code graceDays} after,
   * then {@code expired}. {@code active} when unlimited.
   */
  public LicenseState state(Instant now) {
    if (isUnlimited()) {
      return LicenseState.ACTIVE;
    }
    return LicenseState.at(status, expiresAt, graceDays, now);
  }

  public boolean isUnlimited() {
    return poolOrgId == null;
  }

  /** The maximum the license sets, or empty when it does not limit this. */
  public OptionalLong limit(Limit limit) {
    if (isUnlimited()) {
      return OptionalLong.empty();
    }
    Long max = limits.get(limit);
    return max == null ? OptionalLong.empty() : OptionalLong.of(max);
  }
}
