package dev.topgun.organizations.api;

import dev.topgun.shared.entitlements.Entitlements;
import dev.topgun.shared.entitlements.EntitlementsReader;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.PoolShares;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.entitlements.Usage;
import dev.topgun.shared.tenancy.Lineage;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The license pools organizations and memberships draw on ({@code max_child_organizations}, {@code
 * max_users}): a slot is reserved before the write and given back if the write fails, and given
 * back after a removal commits. An organization counts in the pool it was created in; a member
 * counts once per membership.
 */
@Singleton
class Pools {

  private final EntitlementsReader entitlements;
  private final Usage usage;
  private final PoolShares shares;
  private final ThresholdNotices notices;

  Pools(EntitlementsReader entitlements, Usage usage, PoolShares shares, ThresholdNotices notices) {
    this.entitlements = entitlements;
    this.usage = usage;
    this.shares = shares;
    this.notices = notices;
  }

  Entitlements of(Lineage lineage) {
    return entitlements.of(lineage);
  }

  /**
   * Runs {@code write} holding {@code n} of {@code limit} in the pool; gives it back on failure,
   * and after success notifies a threshold the reservation crossed.
   */
  <T> T reserving(Entitlements pool, Limit limit, long n, Supplier<T> write) {
    Optional<ThresholdCrossed> crossed = usage.reserve(pool, limit, n);
    T result;
    try {
      result = write.get();
    } catch (RuntimeException | Error failed) {
      usage.release(pool, limit, n);
      throw failed;
    }
    notices.send(crossed);
    return result;
  }

  /** Gives back what a committed removal freed. */
  void release(Entitlements pool, Limit limit, long n) {
    usage.release(pool, limit, n);
  }

  /**
   * Moves the organization of {@code moved} under {@code newParent}: when that changes its pool,
   * its share — the organizations of its subtree that draw on the old pool and their memberships —
   * is reserved in the new pool first (409 {@code limit-exceeded} when it does not fit) and given
   * back to the old one after the move commits.
   */
  <T> T moving(Lineage moved, Lineage newParent, Supplier<T> move) {
    Entitlements from = entitlements.of(moved);
    Entitlements to =
        from.poolOrgId() != null && from.poolOrgId().equals(moved.orgId())
            ? from // licensed itself: its subtree keeps drawing on its own license
            : entitlements.of(newParent);
    if (samePool(from, to)) {
      return move.get();
    }
    PoolShares.Share share = shares.of(moved.orgId(), false);
    T result =
        reserving(
            to,
            Limit.MAX_CHILD_ORGANIZATIONS,
            share.organizations(),
            () -> reserving(to, Limit.MAX_USERS, share.memberships(), move));
    release(from, Limit.MAX_CHILD_ORGANIZATIONS, share.organizations());
    release(from, Limit.MAX_USERS, share.memberships());
    return result;
  }

  private static boolean samePool(Entitlements a, Entitlements b) {
    return a.poolOrgId() == null ? b.poolOrgId() == null : a.poolOrgId().equals(b.poolOrgId());
  }
}
