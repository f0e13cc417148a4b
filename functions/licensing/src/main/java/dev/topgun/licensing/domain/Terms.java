package dev.topgun.licensing.domain;

import dev.topgun.licensing.domain.LicenseTerms.LicenseType;
import dev.topgun.licensing.domain.TermsException.Violation;
import dev.topgun.shared.entitlements.Limit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules across the fields of license terms, every violation at once: a perpetual license has no
 * end, every other one ends after it was issued; grace is 14 days unless said; authorized domains
 * compare in their canonical form ({@link DomainBinding}), each once.
 */
final class Terms {

  static final int DEFAULT_GRACE_DAYS = 14;

  private Terms() {}

  /** The terms of a new license issued at {@code now}. */
  static LicenseTerms issue(RequestedTerms requested, Instant now) {
    List<Violation> violations = new ArrayList<>();
    Instant expiresAt = expiresAt(requested.expiresAt(), requested.licenseType(), now, violations);
    List<String> domains = domains(requested.authorizedDomains(), violations);
    requireNone(violations);
    return new LicenseTerms(
        requested.licenseType(),
        requested.tier(),
        requested.features() == null ? Set.of() : requested.features(),
        requested.limits() == null ? Map.of() : requested.limits(),
        domains,
        now,
        expiresAt,
        requested.graceDays() == null ? DEFAULT_GRACE_DAYS : requested.graceDays());
  }

  /**
   * {@code current} with what {@code requested} changes. A change of type keeps the end (a
   * perpetual license then drops it); the end stays after the license was first issued.
   */
  static LicenseTerms update(LicenseTerms current, RequestedTerms requested) {
    LicenseType type = or(requested.licenseType(), current.licenseType());
    List<Violation> violations = new ArrayList<>();
    Instant expiresAt = current.expiresAt();
    if (requested.expiresAt() != null || requested.licenseType() != null) {
      Instant asked =
          requested.expiresAt() == null && type != LicenseType.PERPETUAL
              ? current.expiresAt()
              : requested.expiresAt();
      expiresAt = expiresAt(asked, type, current.issuedAt(), violations);
    }
    List<String> domains =
        requested.authorizedDomains() == null
            ? current.authorizedDomains()
            : domains(requested.authorizedDomains(), violations);
    requireNone(violations);
    return new LicenseTerms(
        type,
        or(requested.tier(), current.tier()),
        or(requested.features(), current.features()),
        or(requested.limits(), current.limits()),
        domains,
        current.issuedAt(),
        expiresAt,
        or(requested.graceDays(), current.graceDays()));
  }

  /**
   * What a change of terms adds to each counted limit handed down ({@code more}) and takes from it
   * ({@code less}): reserved in, and given back to, the issuer's pool.
   */
  record Deltas(Map<Limit, Long> more, Map<Limit, Long> less) {}

  static Deltas deltas(LicenseTerms before, LicenseTerms after) {
    Map<Limit, Long> more = new EnumMap<>(Limit.class);
    Map<Limit, Long> less = new EnumMap<>(Limit.class);
    for (Limit limit : Limit.values()) {
      long delta = after.limits().getOrDefault(limit, 0L) - before.limits().getOrDefault(limit, 0L);
      if (delta > 0) {
        more.put(limit, delta);
      } else if (delta < 0) {
        less.put(limit, -delta);
      }
    }
    return new Deltas(more, less);
  }

  /** Refuses {@code child} when it holds more than {@code issuer} ({@link Resale}). */
  static void requireWithin(LicenseTerms issuer, LicenseTerms child) {
    List<Violation> violations = Resale.violations(issuer, child);
    if (!violations.isEmpty()) {
      throw new TermsException(
          "A license cannot hold more than the license it is carved from.", violations);
    }
  }

  private static Instant expiresAt(
      Instant value, LicenseType type, Instant after, List<Violation> violations) {
    if (type == LicenseType.PERPETUAL) {
      if (value != null) {
        violations.add(new Violation("expiresAt", "must be absent for a perpetual license"));
      }
      return null;
    }
    if (value == null) {
      violations.add(new Violation("expiresAt", "is required for a " + type.value() + " license"));
      return null;
    }
    if (!value.isAfter(after)) {
      violations.add(new Violation("expiresAt", "must be after " + after));
    }
    return value;
  }

  private static List<String> domains(List<String> typed, List<Violation> violations) {
    Set<String> canonical = new LinkedHashSet<>();
    if (typed != null) {
      for (int i = 0; i < typed.size(); i++) {
        int index = i;
        DomainBinding.normalizePattern(typed.get(i))
            .ifPresentOrElse(
                canonical::add,
                () ->
                    violations.add(
                        new Violation("authorizedDomains[" + index + "]", DomainBinding.EXPECTED)));
      }
    }
    return List.copyOf(canonical);
  }

  private static void requireNone(List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw new TermsException("The license terms are not valid.", violations);
    }
  }

  private static <T> T or(T value, T otherwise) {
    return value == null ? otherwise : value;
  }
}
