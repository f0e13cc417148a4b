package dev.topgun.licensing.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * An organization as the check point read it: its id and its ancestors' ids, nearest first (the
 * last is the operator's, the root).
 */
public record Chain(String orgId, List<String> ancestorIds) {

  public Chain {
    ancestorIds = List.copyOf(ancestorIds);
  }

  /** Whether it is the operator's own organization, the root. */
  public boolean isRoot() {
    return ancestorIds.isEmpty();
  }

  /** The operator's organization: the top of the chain. */
  public String root() {
    return isRoot() ? orgId : ancestorIds.get(ancestorIds.size() - 1);
  }

  /** The organization's id, then its ancestors' ids, nearest first. */
  public List<String> chainIds() {
    List<String> ids = new ArrayList<>();
    ids.add(orgId);
    ids.addAll(ancestorIds);
    return ids;
  }
}
