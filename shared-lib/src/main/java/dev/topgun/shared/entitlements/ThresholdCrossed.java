package dev.topgun.shared.entitlements;

import java.util.Optional;

/**
 * A pool's usage of a limit rose past 80 % or 100 % of it.
 *
 * @param percent 80 or 100 (the highest crossed when one reservation crosses both)
 */
public record ThresholdCrossed(String poolOrgId, Limit limit, int percent, long usage, long max) {

  /**
   * The threshold crossed going from {@code before} to {@code after}, if any: the one rule, which
   * {@link Usage} applies to each reservation (and tests' in-memory pools may too).
   */
  public static Optional<ThresholdCrossed> between(
      String poolOrgId, Limit limit, long before, long after, long max) {
    if (max <= 0) {
      return Optional.empty();
    }
    for (int percent : new int[] {100, 80}) {
      // The smallest usage at or above the threshold: ceil(max * percent / 100).
      long threshold = (max * percent + 99) / 100;
      if (before < threshold && after >= threshold) {
        return Optional.of(new ThresholdCrossed(poolOrgId, limit, percent, after, max));
      }
    }
    return Optional.empty();
  }
}
