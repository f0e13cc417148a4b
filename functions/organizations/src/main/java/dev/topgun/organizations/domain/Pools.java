package dev.topgun.organizations.domain;

import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import java.util.List;
import java.util.function.Function;

/**
 * The license pools organizations and memberships draw on ({@code max_child_organizations}, {@code
 * max_users}): the pool of the nearest licensed organization at or above a branch. Implemented over
 * shared-lib's {@code Usage.reserving}: a slot is reserved before the write and given back when it
 * throws; the write receives the thresholds its reservations crossed, to report them in its own
 * transaction.
 */
public interface Pools {

  /**
   * Runs {@code write} holding {@code n} of {@code limit} in the pool of {@code at}.
   *
   * @throws dev.topgun.shared.store.LimitExceededException the pool has no room
   */
  <T> T reserving(Branch at, Limit limit, long n, Function<List<ThresholdCrossed>, T> write);

  /** Gives back what a committed removal freed in the pool of {@code at}. */
  void release(Branch at, Limit limit, long n);

  /**
   * Runs {@code move} (of {@code moved} under {@code newParent}): when that changes its pool, its
   * share — the organizations of its subtree drawing on the old pool and their memberships — is
   * reserved in the new one first, and given back to the old one after the move.
   */
  <T> T moving(Branch moved, Branch newParent, Function<List<ThresholdCrossed>, T> move);
}
