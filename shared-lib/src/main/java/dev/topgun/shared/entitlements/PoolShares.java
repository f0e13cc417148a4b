package dev.topgun.shared.entitlements;

import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.TenancyKeys;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a subtree takes from the pool above it, for the two limits the tenancy tree itself counts
 * ({@code max_child_organizations}, {@code max_users}): when a subtree changes pool — it moves
 * under another licensed organization, or its top gets a license of its own — that share leaves one
 * pool's counters and enters the other's.
 */
@Singleton
public class PoolShares {

  /** Licensing may nest only this deep below one pool; a longer walk is a broken chain. */
  private static final int MAX_HOPS = 16;

  private final SingleTableStore store;

  public PoolShares(SingleTableStore store) {
    this.store = store;
  }

  /**
   * The subtree of {@code orgId} (itself included): its organizations that hold no license and are
   * not below one inside the subtree, and their memberships.
   *
   * @param topCounts whether {@code orgId} itself is counted even if it holds a license (the share
   *     it is about to take out of its old pool when it receives one)
   */
  public Share of(String orgId, boolean topCounts) {
    List<String> ids = new ArrayList<>();
    ids.add(orgId);
    store.forEach(
        ClosureItem.SCHEMA,
        TenancyKeys.descendants(orgId).consistent(),
        c -> ids.add(c.getDescendantId()));
    Map<String, String> parents = new HashMap<>();
    for (OrganizationItem item :
        store.batchGet(
            OrganizationItem.SCHEMA, ids.stream().map(TenancyKeys::organization).toList())) {
      parents.put(item.getId(), item.getParentId());
    }
    Set<String> licensed = new HashSet<>();
    for (LicenseItem license :
        store.batchGet(LicenseItem.SCHEMA, ids.stream().map(LicenseItem::key).toList())) {
      if (!(topCounts && license.getOrgId().equals(orgId))) {
        licensed.add(license.getOrgId());
      }
    }
    long organizations = 0;
    long memberships = 0;
    for (String id : ids) {
      if (drawsOnOuterPool(id, orgId, parents, licensed)) {
        organizations++;
        memberships += countMembers(id);
      }
    }
    return new Share(organizations, memberships);
  }

  private static boolean drawsOnOuterPool(
      String id, String top, Map<String, String> parents, Set<String> licensed) {
    String current = id;
    for (int hops = 0; current != null && hops <= MAX_HOPS; hops++) {
      if (licensed.contains(current)) {
        return false;
      }
      if (current.equals(top)) {
        return true;
      }
      current = parents.get(current);
    }
    return false;
  }

  private long countMembers(String orgId) {
    long[] count = {0};
    store.forEach(MembershipItem.SCHEMA, TenancyKeys.members(orgId).consistent(), m -> count[0]++);
    return count[0];
  }

  /** Organizations and memberships counted in a pool. */
  public record Share(long organizations, long memberships) {}
}
