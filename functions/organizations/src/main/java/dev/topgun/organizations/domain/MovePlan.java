package dev.topgun.organizations.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What moving an organization rewrites in the closure rows: the organization and each of its
 * descendants lose the rows to ancestors they leave and gain rows to ancestors they join; a row to
 * an ancestor they keep is rewritten only when its depth changes. Rows inside the moved subtree do
 * not change.
 *
 * @param deletes rows to remove
 * @param puts rows to write (new, or with a new depth)
 */
public record MovePlan(List<ClosureRow> deletes, List<ClosureRow> puts) {

  public MovePlan {
    deletes = List.copyOf(deletes);
    puts = List.copyOf(puts);
  }

  /**
   * @param movedId the organization being moved
   * @param subtreeDepths each descendant of {@code movedId} with its depth below it (1 = child)
   * @param oldAncestors the moved organization's ancestors now, nearest first
   * @param newAncestors its ancestors after the move, nearest first (the new parent first)
   * @throws TreeRuleException when the new parent is the organization or one of its descendants
   */
  public static MovePlan of(
      String movedId,
      Map<String, Integer> subtreeDepths,
      List<String> oldAncestors,
      List<String> newAncestors) {
    Objects.requireNonNull(movedId, "movedId");
    if (newAncestors.isEmpty()) {
      throw new IllegalArgumentException("a moved organization has a parent");
    }
    String newParentId = newAncestors.get(0);
    if (newAncestors.contains(movedId) || subtreeDepths.containsKey(newParentId)) {
      throw TreeRuleException.conflict(
          TreeRuleException.MOVE_INTO_OWN_SUBTREE,
          "An organization cannot move under itself or one of its own descendants.");
    }
    Map<String, Integer> members = new HashMap<>(subtreeDepths);
    members.put(movedId, 0);
    Map<String, ClosureRow> before = rows(members, oldAncestors);
    Map<String, ClosureRow> after = rows(members, newAncestors);
    List<ClosureRow> deletes = new ArrayList<>();
    for (Map.Entry<String, ClosureRow> row : before.entrySet()) {
      if (!after.containsKey(row.getKey())) {
        deletes.add(row.getValue());
      }
    }
    List<ClosureRow> puts = new ArrayList<>();
    for (Map.Entry<String, ClosureRow> row : after.entrySet()) {
      ClosureRow old = before.get(row.getKey());
      if (old == null || old.depth() != row.getValue().depth()) {
        puts.add(row.getValue());
      }
    }
    return new MovePlan(deletes, puts);
  }

  /** Every write the plan makes. */
  public int size() {
    return deletes.size() + puts.size();
  }

  private static Map<String, ClosureRow> rows(Map<String, Integer> members, List<String> above) {
    Set<String> seen = new HashSet<>();
    Map<String, ClosureRow> rows = new java.util.LinkedHashMap<>();
    for (int i = 0; i < above.size(); i++) {
      if (!seen.add(above.get(i))) {
        throw new IllegalArgumentException("an ancestor listed twice: " + above.get(i));
      }
      for (Map.Entry<String, Integer> member : members.entrySet()) {
        ClosureRow row = new ClosureRow(above.get(i), member.getKey(), member.getValue() + i + 1);
        rows.put(row.key(), row);
      }
    }
    return rows;
  }
}
