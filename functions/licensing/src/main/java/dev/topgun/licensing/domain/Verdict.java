package dev.topgun.licensing.domain;

import dev.topgun.shared.entitlements.LicenseState;
import dev.topgun.shared.entitlements.Limit;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The answer to "may this license run here now": valid, or the first reason it may not, in this
 * order — {@code revoked}, {@code suspended}, {@code expired} (after grace), {@code
 * domain_not_authorized}, {@code limits_exceeded} (usage above a limit, e.g. after a downgrade).
 * {@code not_found} is decided before (no license has the key).
 */
public record Verdict(boolean valid, Reason reason, LicenseState state) {

  /** Why a license is not valid, as the API spells it. */
  public enum Reason {
    NOT_FOUND,
    REVOKED,
    SUSPENDED,
    EXPIRED,
    DOMAIN_NOT_AUTHORIZED,
    LIMITS_EXCEEDED;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Verdict notFound() {
    return new Verdict(false, Reason.NOT_FOUND, null);
  }

  /**
   * @param host the canonical host name asking, or null when none was given
   * @param usage the pool's current usage per counted limit
   */
  public static Verdict of(License license, String host, Map<Limit, Long> usage, Instant now) {
    LicenseTerms terms = license.terms();
    LicenseState state = license.state(now);
    Reason reason =
        switch (state) {
          case REVOKED -> Reason.REVOKED;
          case SUSPENDED -> Reason.SUSPENDED;
          case EXPIRED -> Reason.EXPIRED;
          case ACTIVE, GRACE -> null;
        };
    if (reason == null && !terms.authorizedDomains().isEmpty()) {
      if (host == null || !DomainBinding.allows(terms.authorizedDomains(), host)) {
        reason = Reason.DOMAIN_NOT_AUTHORIZED;
      }
    }
    if (reason == null) {
      for (Map.Entry<Limit, Long> limit : terms.limits().entrySet()) {
        if (usage.getOrDefault(limit.getKey(), 0L) > limit.getValue()) {
          reason = Reason.LIMITS_EXCEEDED;
          break;
        }
      }
    }
    return new Verdict(reason == null, reason, state);
  }
}
