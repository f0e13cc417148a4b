package dev.topgun.shared.tenancy;

import java.util.List;

/**
 * An organization with its ancestors, nearest first, and one user's memberships on any of them, as
 * read together by {@link TenancyDirectory#lineage}.
 *
 * <p>Deactivation is inherited: an organization is effectively active when it and every ancestor
 * are. Deleting an organization with its subtree is therefore one write on the organization, and
 * restoring it is one write too.
 */
public record Lineage(
    OrganizationItem organization, List<OrganizationItem> ancestors, List<Membership> memberships) {

  public Lineage {
    ancestors = List.copyOf(ancestors);
    memberships = List.copyOf(memberships);
  }

  public String orgId() {
    return organization.getId();
  }

  /** The ancestors' ids, nearest first. */
  public List<String> ancestorIds() {
    return ancestors.stream().map(OrganizationItem::getId).toList();
  }

  /** Every ancestor is active (the organization itself may not be). */
  public boolean ancestorsActive() {
    return ancestors.stream().allMatch(OrganizationItem::isActive);
  }

  /** The organization and all its ancestors are active. */
  public boolean effectivelyActive() {
    return organization.isActive() && ancestorsActive();
  }
}
