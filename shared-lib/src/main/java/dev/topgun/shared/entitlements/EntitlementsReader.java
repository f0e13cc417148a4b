package dev.topgun.shared.entitlements;

import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.tenancy.Lineage;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads an organization's entitlements: one strongly consistent BatchGetItem of the license items
 * of the organization and its ancestors; the nearest one found is the pool.
 */
@Singleton
public class EntitlementsReader {

  private final SingleTableStore store;

  public EntitlementsReader(SingleTableStore store) {
    this.store = store;
  }

  /** The entitlements of the lineage's organization. */
  public Entitlements of(Lineage lineage) {
    List<String> chain = new ArrayList<>();
    chain.add(lineage.orgId());
    chain.addAll(lineage.ancestorIds());
    return of(chain);
  }

  /**
   * @param chainIds the organization's id, then its ancestors' ids nearest first
   */
  public Entitlements of(List<String> chainIds) {
    List<ItemKey> keys = chainIds.stream().map(LicenseItem::key).toList();
    Map<String, LicenseItem> byOrg = new HashMap<>();
    for (LicenseItem item : store.batchGet(LicenseItem.SCHEMA, keys)) {
      byOrg.put(item.getOrgId(), item);
    }
    for (String orgId : chainIds) {
      LicenseItem license = byOrg.get(orgId);
      if (license != null) {
        return entitlements(license);
      }
    }
    return Entitlements.unlimited();
  }

  private static Entitlements entitlements(LicenseItem license) {
    Map<Limit, Long> limits = new EnumMap<>(Limit.class);
    if (license.getLimits() != null) {
      // A limit this code does not know limits nothing here (a newer licensing may add one).
      license
          .getLimits()
          .forEach((name, max) -> Limit.from(name).ifPresent(l -> limits.put(l, max)));
    }
    return new Entitlements(
        license.getOrgId(),
        license.getLicenseId(),
        license.getStatus(),
        license.getFeatures() == null ? new HashSet<>() : new HashSet<>(license.getFeatures()),
        limits,
        license.getExpiresAt() == null ? null : Instant.parse(license.getExpiresAt()),
        license.getGraceDays() == null ? 0 : license.getGraceDays());
  }
}
