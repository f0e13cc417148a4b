package dev.topgun.licensing.domain;

import dev.topgun.shared.entitlements.Entitlements;
import dev.topgun.shared.entitlements.Limit;
import java.util.Map;

/**
 * What an organization may use — the pool it draws on (its own license's or its nearest licensed
 * ancestor's; unlimited in the operator's own tree) — and how much of each counted limit the pool
 * uses now (nothing counted when unlimited).
 */
public record PoolUsage(Entitlements pool, Map<Limit, Long> usage) {

  public PoolUsage {
    usage = Map.copyOf(usage);
  }
}
