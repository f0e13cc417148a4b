package dev.topgun.licensing.api;

import dev.topgun.licensing.domain.DomainBinding;
import dev.topgun.licensing.domain.Feature;
import dev.topgun.licensing.domain.LicenseTerms;
import dev.topgun.licensing.domain.LicenseTerms.LicenseType;
import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ProblemType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * License terms from a request, every field checked at once: a bad request answers 400 naming each
 * bad field.
 */
final class TermsParser {

  static final int DEFAULT_GRACE_DAYS = 14;
  static final long MAX_LIMIT = 1_000_000_000L;

  private final List<FieldError> errors = new ArrayList<>();

  /** Terms of a new license issued at {@code now}. */
  static LicenseTerms issue(LicenseRequests.IssueLicense body, Instant now) {
    TermsParser p = new TermsParser();
    LicenseType type = p.type(body.licenseType());
    Tier tier = p.tier(body.tier());
    Set<Feature> features = p.features(body.features());
    Map<Limit, Long> limits = p.limits(body.limits());
    List<String> domains = p.domains(body.authorizedDomains());
    Instant expiresAt = p.expiresAt(body.expiresAt(), type, now);
    int grace = body.graceDays() == null ? DEFAULT_GRACE_DAYS : body.graceDays();
    p.done();
    return new LicenseTerms(type, tier, features, limits, domains, now, expiresAt, grace);
  }

  /** {@code current} with what {@code body} changes. */
  static LicenseTerms update(LicenseTerms current, LicenseRequests.UpdateLicense body) {
    TermsParser p = new TermsParser();
    LicenseType type =
        body.licenseType() == null ? current.licenseType() : p.type(body.licenseType());
    Tier tier = body.tier() == null ? current.tier() : p.tier(body.tier());
    Set<Feature> features =
        body.features() == null ? current.features() : p.features(body.features());
    Map<Limit, Long> limits = body.limits() == null ? current.limits() : p.limits(body.limits());
    List<String> domains =
        body.authorizedDomains() == null
            ? current.authorizedDomains()
            : p.domains(body.authorizedDomains());
    Instant expiresAt =
        body.expiresAt() == null && body.licenseType() == null
            ? current.expiresAt()
            : p.expiresAt(
                body.expiresAt() == null && type != LicenseType.PERPETUAL
                    ? (current.expiresAt() == null ? null : current.expiresAt().toString())
                    : body.expiresAt(),
                type,
                current.issuedAt());
    int grace = body.graceDays() == null ? current.graceDays() : body.graceDays();
    p.done();
    return new LicenseTerms(
        type, tier, features, limits, domains, current.issuedAt(), expiresAt, grace);
  }

  private LicenseType type(String value) {
    try {
      return LicenseType.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("licenseType", "must be one of perpetual, subscription, trial"));
      return null;
    }
  }

  private Tier tier(String value) {
    try {
      return Tier.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("tier", "must be one of basic, professional, enterprise"));
      return null;
    }
  }

  private Set<Feature> features(List<String> values) {
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    if (values != null) {
      for (String value : values) {
        Feature.from(value)
            .ifPresentOrElse(
                features::add,
                () -> errors.add(new FieldError("features", "'" + value + "' is not a feature")));
      }
    }
    return features;
  }

  private Map<Limit, Long> limits(Map<String, Long> values) {
    Map<Limit, Long> limits = new EnumMap<>(Limit.class);
    if (values != null) {
      values.forEach(
          (name, max) -> {
            String field = "limits." + name;
            Limit.from(name)
                .ifPresentOrElse(
                    limit -> {
                      if (max == null || max < 0 || max > MAX_LIMIT) {
                        errors.add(new FieldError(field, "must be 0 to " + MAX_LIMIT));
                      } else {
                        limits.put(limit, max);
                      }
                    },
                    () -> errors.add(new FieldError(field, "is not a limit")));
          });
    }
    return limits;
  }

  private List<String> domains(List<String> values) {
    Set<String> domains = new LinkedHashSet<>();
    if (values != null) {
      for (int i = 0; i < values.size(); i++) {
        String value = values.get(i);
        int index = i;
        DomainBinding.normalizePattern(value)
            .ifPresentOrElse(
                domains::add,
                () ->
                    errors.add(
                        new FieldError(
                            "authorizedDomains[" + index + "]",
                            "must be a host name or *. and a host name")));
      }
    }
    return List.copyOf(domains);
  }

  private Instant expiresAt(String value, LicenseType type, Instant after) {
    if (type == LicenseType.PERPETUAL) {
      if (value != null) {
        errors.add(new FieldError("expiresAt", "must be absent for a perpetual license"));
      }
      return null;
    }
    if (value == null) {
      if (type != null) {
        errors.add(new FieldError("expiresAt", "is required for a " + type.value() + " license"));
      }
      return null;
    }
    try {
      Instant at = Instant.parse(value);
      if (!at.isAfter(after)) {
        errors.add(new FieldError("expiresAt", "must be after " + after));
      }
      return at;
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError("expiresAt", "must be an ISO-8601 instant such as 2027-01-31T00:00:00Z"));
      return null;
    }
  }

  private void done() {
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of(ProblemType.VALIDATION, "The license terms are not valid.")
              .withErrors(errors));
    }
  }
}
