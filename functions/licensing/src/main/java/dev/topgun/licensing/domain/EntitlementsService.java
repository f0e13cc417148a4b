package dev.topgun.licensing.domain;

import java.util.Map;

/** An organization's entitlements and its pool's usage, as its members may read them. */
public final class EntitlementsService {

  private final Pools pools;

  public EntitlementsService(Pools pools) {
    this.pools = pools;
  }

  public PoolUsage of(Chain organization) {
    var pool = pools.of(organization.chainIds());
    return new PoolUsage(pool, pool.isUnlimited() ? Map.of() : pools.usage(pool.poolOrgId()));
  }
}
