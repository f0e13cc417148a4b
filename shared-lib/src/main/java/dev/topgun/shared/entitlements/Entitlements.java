package dev.topgun.shared.entitlements;

import io.micronaut.core.annotation.Nullable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
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
    Map<Limit, Long> limits) {

  public Entitlements {
    features = Set.copyOf(features);
    limits = limits.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(limits));
  }

  /** No license anywhere up the tree: nothing is limited. */
  public static Entitlements unlimited() {
    return new Entitlements(null, null, null, Set.of(), Map.of());
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
