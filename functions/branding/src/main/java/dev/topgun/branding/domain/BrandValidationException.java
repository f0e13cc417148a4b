package dev.topgun.branding.domain;

import java.util.List;

/** A brand, an asset or a template that cannot be stored, with every reason (400 naming fields). */
public class BrandValidationException extends RuntimeException {

  private final List<Violation> violations;
  private final String reason;

  public BrandValidationException(String message, List<Violation> violations) {
    this(message, violations, null);
  }

  /**
   * @param reason a stable code of why, for clients (e.g. an image's {@code polyglot}); may be null
   */
  public BrandValidationException(String message, List<Violation> violations, String reason) {
    super(message);
    this.violations = List.copyOf(violations);
    this.reason = reason;
  }

  /** A stable code of why, when there is one. */
  public String reason() {
    return reason;
  }

  public static BrandValidationException of(String field, String message) {
    return new BrandValidationException(message, List.of(new Violation(field, message)));
  }

  public List<Violation> violations() {
    return violations;
  }
}
