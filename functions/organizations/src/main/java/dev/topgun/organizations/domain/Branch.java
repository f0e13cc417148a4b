package dev.topgun.organizations.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * An organization with its ancestors, nearest first, as read together: what a rule about its place
 * in the tree decides on, and what a change to it guards (each ancestor at the version read).
 */
public record Branch(Organization organization, List<Organization> ancestors) {

  public Branch {
    ancestors = List.copyOf(ancestors);
  }

  public String id() {
    return organization.id();
  }

  /** The ancestors' ids, nearest first. */
  public List<String> ancestorIds() {
    return ancestors.stream().map(Organization::id).toList();
  }

  /** The organization's id, then its ancestors', nearest first. */
  public List<String> chainIds() {
    List<String> ids = new ArrayList<>();
    ids.add(id());
    ids.addAll(ancestorIds());
    return ids;
  }

  /** Every ancestor is active (the organization itself may not be). */
  public boolean ancestorsActive() {
    return ancestors.stream().allMatch(Organization::isActive);
  }

  /** The organization and all its ancestors are active. */
  public boolean effectivelyActive() {
    return organization.isActive() && ancestorsActive();
  }
}
