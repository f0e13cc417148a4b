package dev.topgun.licensing.domain;

import dev.topgun.shared.entitlements.LicenseState;
import java.time.Instant;
import java.util.Optional;

/**
 * The answer to "may the license of this key run here now": the verdict, and the terms the license
 * grants while it is valid.
 *
 * @param terms null unless valid
 */
public record Validation(Verdict verdict, LicenseTerms terms) {

  /** When its grace ends, while it runs in grace. */
  public Optional<Instant> graceEndsAt() {
    return verdict.state() == LicenseState.GRACE ? terms.graceEndsAt() : Optional.empty();
  }
}
