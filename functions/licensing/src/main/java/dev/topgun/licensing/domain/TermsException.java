package dev.topgun.licensing.domain;

import java.util.List;

/**
 * License terms the rules refuse, every field at once (400 naming each): a missing, superfluous or
 * past end, or more than the license it is carved from holds ({@link Resale}).
 */
public final class TermsException extends RuntimeException {

  /**
   * One refused field, as the API names it ({@code expiresAt}, {@code limits.max_users}), and why.
   */
  public record Violation(String field, String message) {}

  private final List<Violation> violations;

  TermsException(String message, List<Violation> violations) {
    super(message, null, false, false);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
