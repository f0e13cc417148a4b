package dev.topgun.licensing.store;

import dev.topgun.licensing.domain.Pools;
import dev.topgun.shared.entitlements.Entitlements;
import dev.topgun.shared.entitlements.EntitlementsReader;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.PoolShares;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.entitlements.Usage;
import dev.topgun.shared.store.Counters;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pools as shared-lib's entitlements contract keeps them: the licenses up a chain ({@link
 * EntitlementsReader}), the pool's conditional usage counters ({@link Usage}) and a subtree's share
 * of them ({@link PoolShares}). Carrying a subtree's existing usage into the pool of its new
 * license is licensing's alone, so it writes the pool's counters itself.
 */
@Singleton
public class LicensePools implements Pools {

  private final EntitlementsReader entitlements;
  private final Usage usage;
  private final PoolShares shares;
  private final Counters counters;

  public LicensePools(
      EntitlementsReader entitlements, Usage usage, PoolShares shares, Counters counters) {
    this.entitlements = entitlements;
    this.usage = usage;
    this.shares = shares;
    this.counters = counters;
  }

  @Override
  public Entitlements of(List<String> chainIds) {
    return entitlements.of(chainIds);
  }

  @Override
  public <T> T reserving(
      Entitlements pool, Map<Limit, Long> amounts, Function<List<ThresholdCrossed>, T> write) {
    return usage.reserving(pool, amounts, write);
  }

  @Override
  public void release(Entitlements pool, Map<Limit, Long> amounts) {
    usage.release(pool, amounts);
  }

  @Override
  public Share shareOf(String orgId) {
    PoolShares.Share share = shares.of(orgId, true);
    return new Share(share.organizations(), share.memberships());
  }

  /** Into the pool's own counters ({@link Usage#key}), past any maximum: they exist already. */
  @Override
  public void carryIn(String poolOrgId, Map<Limit, Long> amounts) {
    amounts.forEach(
        (limit, n) -> {
          if (n > 0) {
            counters.reserve(
                Usage.key(poolOrgId), limit.counter().orElseThrow(), n, Long.MAX_VALUE);
          }
        });
  }

  @Override
  public Map<Limit, Long> usage(String poolOrgId) {
    return usage.all(poolOrgId);
  }
}
