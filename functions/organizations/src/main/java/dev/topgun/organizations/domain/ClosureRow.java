package dev.topgun.organizations.domain;

/** One ancestor–descendant pair of the tree at {@code depth} (1 = parent). */
public record ClosureRow(String ancestorId, String descendantId, int depth) {

  public ClosureRow {
    if (ancestorId.equals(descendantId) || depth < 1) {
      throw new IllegalArgumentException(
          "not a closure row: " + ancestorId + " > " + descendantId + " at " + depth);
    }
  }

  /** Identifies the stored row (the depth is its content). */
  public String key() {
    return ancestorId + ">" + descendantId;
  }
}
