package dev.topgun.shared.http.problem;

/**
 * Thrown by an API adapter to answer a specific problem. Domain code throws its own exceptions
 * instead and a {@link ProblemResolver} maps them; this one is for the edge.
 */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    // No stack trace: this is an answer, not a fault, and it is raised on hot paths.
    super(
        problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()),
        null,
        false,
        false);
    this.problem = problem;
  }

  public ProblemException(ProblemType type, String detail) {
    this(Problem.of(type, detail));
  }

  public Problem problem() {
    return problem;
  }
}
