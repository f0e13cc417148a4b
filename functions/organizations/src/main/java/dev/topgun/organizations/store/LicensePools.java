package dev.topgun.organizations.store;

import dev.topgun.organizations.domain.Branch;
import dev.topgun.organizations.domain.Pools;
import dev.topgun.shared.entitlements.Entitlements;
import dev.topgun.shared.entitlements.EntitlementsReader;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.PoolShares;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.entitlements.Usage;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pools as shared-lib's entitlements contract keeps them: the licenses up a branch ({@link
 * EntitlementsReader}) and the pool's conditional usage counters ({@link Usage#reserving}).
 */
@Singleton
public class LicensePools implements Pools {

  private final EntitlementsReader entitlements;
  private final Usage usage;
  private final PoolShares shares;

  public LicensePools(EntitlementsReader entitlements, Usage usage, PoolShares shares) {
    this.entitlements = entitlements;
    this.usage = usage;
    this.shares = shares;
  }

  @Override
  public <T> T reserving(
      Branch at, Limit limit, long n, Function<List<ThresholdCrossed>, T> write) {
    return usage.reserving(pool(at), limit, n, crossed -> write.apply(list(crossed)));
  }

  @Override
  public void release(Branch at, Limit limit, long n) {
    usage.release(pool(at), limit, n);
  }

  @Override
  public <T> T moving(Branch moved, Branch newParent, Function<List<ThresholdCrossed>, T> move) {
    Entitlements from = pool(moved);
    Entitlements to =
        moved.id().equals(from.poolOrgId())
            ? from // licensed itself: its subtree keeps drawing on its own license
            : pool(newParent);
    if (samePool(from, to)) {
      return move.apply(List.of());
    }
    PoolShares.Share share = shares.of(moved.id(), false);
    Map<Limit, Long> moving = new LinkedHashMap<>();
    moving.put(Limit.MAX_CHILD_ORGANIZATIONS, share.organizations());
    moving.put(Limit.MAX_USERS, share.memberships());
    T result = usage.reserving(to, moving, move);
    usage.release(from, moving);
    return result;
  }

  private Entitlements pool(Branch branch) {
    return entitlements.of(branch.chainIds());
  }

  private static List<ThresholdCrossed> list(Optional<ThresholdCrossed> crossed) {
    return crossed.map(List::of).orElse(List.of());
  }

  private static boolean samePool(Entitlements a, Entitlements b) {
    return a.poolOrgId() == null ? b.poolOrgId() == null : a.poolOrgId().equals(b.poolOrgId());
  }
}
