package dev.topgun.branding.theme;

import java.util.List;

/**
 * A brand's custom CSS refused as a whole, with every problem found in it. No HTTP here: the caller
 * answers it as a validation error of {@link #FIELD}.
 */
public final class CustomCssRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The brand field the problems are about. */
  public static final String FIELD = "customCss";

  private final transient List<CssProblem> problems;

  public CustomCssRefusedException(List<CssProblem> problems) {
    super(summary(problems), null, false, false);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a refusal names at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order of the lines they are on (whole-text ones first). */
  public List<CssProblem> problems() {
    return problems;
  }

  public String field() {
    return FIELD;
  }

  private static String summary(List<CssProblem> problems) {
    return "customCss is refused: "
        + problems.stream().map(CssProblem::code).distinct().toList()
        + " ("
        + problems.size()
        + " problem(s))";
  }
}
