package dev.topgun.branding.domain;

import java.util.ArrayList;
import java.util.List;

/** The organization a request is about, with its ancestors' ids, nearest first. */
public record Target(String orgId, List<String> ancestorIds) {

  public Target {
    ancestorIds = List.copyOf(ancestorIds);
  }

  /** The organization and its ancestors, nearest first. */
  public List<String> lineage() {
    List<String> ids = new ArrayList<>();
    ids.add(orgId);
    ids.addAll(ancestorIds);
    return ids;
  }
}
