package dev.topgun.branding.theme;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The problems found in one custom CSS, each reported once however many checks find it. */
final class CssProblems {

  private final List<CssProblem> found = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  void add(String code, Integer line, String message) {
    if (seen.add(code + "@" + line + ":" + message)) {
      found.add(new CssProblem(code, line, message));
    }
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** Whole-text problems first, then by line; on one line, in the order found. */
  List<CssProblem> sorted() {
    List<CssProblem> sorted = new ArrayList<>(found);
    sorted.sort(
        Comparator.comparing(CssProblem::line, Comparator.nullsFirst(Comparator.naturalOrder())));
    return List.copyOf(sorted);
  }
}
