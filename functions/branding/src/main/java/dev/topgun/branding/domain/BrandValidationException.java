package dev.topgun.branding.domain;

import java.util.List;

/** A brand, an asset or a template that cannot be stored, with every reason (400 naming fields). */
public class BrandValidationException extends RuntimeException {

  private final List<Violation> violations;

  public BrandValidationException(String message, List<Violation> violations) {
    super(message);
    this.violations = List.copyOf(violations);
  }

  public static BrandValidationException of(String field, String message) {
    return new BrandValidationException(message, List.of(new Violation(field, message)));
  }

  public List<Violation> violations() {
    return violations;
  }
}
