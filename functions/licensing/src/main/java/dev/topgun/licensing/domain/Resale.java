package dev.topgun.licensing.domain;

import dev.topgun.licensing.domain.TermsException.Violation;
import dev.topgun.shared.entitlements.Limit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reseller may hand down: a child license never holds more than the license it is carved
 * from. Its features are a subset of the issuer's; it ends no later than the issuer's; it sets
 * every limit the issuer sets (counted limits are then reserved out of the issuer's pool, so that
 * what is handed down never sums to more than the issuer holds); a rate is at most the issuer's.
 */
public final class Resale {

  private Resale() {}

  /**
   * Every way {@code child} exceeds {@code issuer} (the field as the API names it, and why); empty
   * when it may be issued.
   */
  public static List<Violation> violations(LicenseTerms issuer, LicenseTerms child) {
    List<Violation> violations = new ArrayList<>();
    for (Feature feature : child.features()) {
      if (!issuer.features().contains(feature)) {
        violations.add(
            new Violation("features", feature.value() + " is not in the issuer's license"));
      }
    }
    for (Map.Entry<Limit, Long> held : issuer.limits().entrySet()) {
      Long handed = child.limits().get(held.getKey());
      String field = "limits." + held.getKey().value();
      if (handed == null) {
        violations.add(
            new Violation(
                field, "must be set: the issuer's license limits it to " + held.getValue()));
      } else if (held.getKey().counter().isEmpty() && handed > held.getValue()) {
        violations.add(new Violation(field, "must be at most the issuer's " + held.getValue()));
      }
    }
    if (issuer.expiresAt() != null
        && (child.expiresAt() == null || child.expiresAt().isAfter(issuer.expiresAt()))) {
      violations.add(
          new Violation(
              "expiresAt",
              "must be at or before the end of the issuer's license, " + issuer.expiresAt()));
    }
    return violations;
  }

  /**
   * {@code child} brought back within a changed {@code issuer}: features the issuer no longer holds
   * are dropped and it ends no later than the issuer. Limits are left as they are (usage above a
   * lowered limit makes validation answer {@code limits_exceeded}).
   */
  public static LicenseTerms within(LicenseTerms issuer, LicenseTerms child) {
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    features.addAll(child.features());
    features.retainAll(issuer.features());
    LicenseTerms trimmed = child.withFeatures(features);
    if (issuer.expiresAt() != null
        && (child.expiresAt() == null || child.expiresAt().isAfter(issuer.expiresAt()))) {
      trimmed = trimmed.withExpiresAt(issuer.expiresAt());
    }
    return trimmed;
  }
}
