package dev.topgun.licensing.domain;

import dev.topgun.shared.entitlements.Entitlements;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pools licenses are carved from, as shared-lib's entitlements contract keeps them: the nearest
 * license up a chain, and the pool's conditional usage counters. Only counted limits ({@link
 * Limit#counter()}) are reserved; a rate is not.
 */
public interface Pools {

  /** The pool of the nearest licensed organization of {@code chainIds}; unlimited for none. */
  Entitlements of(List<String> chainIds);

  /**
   * Runs {@code write} holding {@code amounts} in {@code pool}: reserved before, given back when it
   * throws; {@code write} receives the thresholds the reservations crossed, to report them in its
   * own transaction.
   *
   * @throws dev.topgun.shared.store.LimitExceededException the pool has no room for one of them
   */
  <T> T reserving(
      Entitlements pool, Map<Limit, Long> amounts, Function<List<ThresholdCrossed>, T> write);

  /** Gives {@code amounts} back to {@code pool}. */
  void release(Entitlements pool, Map<Limit, Long> amounts);

  /**
   * What the subtree of {@code orgId} (itself included) counts in the pool above it: its
   * organizations that hold no license and are not below one in the subtree, and their members.
   */
  Share shareOf(String orgId);

  /** Counts {@code amounts} that already exist into {@code poolOrgId}'s pool, past any maximum. */
  void carryIn(String poolOrgId, Map<Limit, Long> amounts);

  /** The pool's current usage of each counted limit. */
  Map<Limit, Long> usage(String poolOrgId);

  /** Organizations and memberships counted in a pool. */
  record Share(long organizations, long memberships) {}
}
