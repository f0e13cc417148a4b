package dev.topgun.licensing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.licensing.domain.LicenseTerms.LicenseType;
import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.shared.entitlements.LicenseState;
import dev.topgun.shared.entitlements.Limit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResaleAndVerdictTest {

  static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

  static LicenseTerms terms(
      Set<Feature> features, Map<Limit, Long> limits, Instant ends, List<String> domains) {
    return new LicenseTerms(
        ends == null ? LicenseType.PERPETUAL : LicenseType.SUBSCRIPTION,
        Tier.PROFESSIONAL,
        features,
        limits,
        domains,
        NOW.minusSeconds(86_400),
        ends,
        7);
  }

  @Test
  void aChildWithinItsIssuerHasNoViolations() {
    LicenseTerms issuer =
        terms(
            Set.of(Feature.RESELL_LICENSES, Feature.WHITE_LABEL),
            Map.of(Limit.MAX_SERVERS, 10L, Limit.API_REQUESTS_PER_MINUTE, 600L),
            NOW.plusSeconds(1000),
            List.of());
    LicenseTerms child =
        terms(
            Set.of(Feature.WHITE_LABEL),
            Map.of(Limit.MAX_SERVERS, 10L, Limit.API_REQUESTS_PER_MINUTE, 600L),
            NOW.plusSeconds(1000),
            List.of());
    assertThat(Resale.violations(issuer, child)).isEmpty();
  }

  @Test
  void everyWayAChildExceedsItsIssuerIsNamed() {
    LicenseTerms issuer =
        terms(
            Set.of(Feature.WHITE_LABEL),
            Map.of(
                Limit.MAX_SERVERS, 10L, Limit.MAX_USERS, 5L, Limit.API_REQUESTS_PER_MINUTE, 600L),
            NOW.plusSeconds(1000),
            List.of());
    LicenseTerms child =
        terms(
            Set.of(Feature.WHITE_LABEL, Feature.PAYMENT_PROCESSING),
            Map.of(Limit.MAX_SERVERS, 50L, Limit.API_REQUESTS_PER_MINUTE, 601L),
            null,
            List.of());
    assertThat(Resale.violations(issuer, child))
        .extracting(TermsException.Violation::field)
        .containsExactlyInAnyOrder(
            "features", "limits.max_users", "limits.api_requests_per_minute", "expiresAt");
    // Counted limits (max_servers 50 > 10) are the pool's to refuse, by reservation.
  }

  @Test
  void withinDropsFeaturesTheIssuerLostAndClampsTheEnd() {
    LicenseTerms issuer =
        terms(Set.of(Feature.API_ACCESS), Map.of(), NOW.plusSeconds(100), List.of());
    LicenseTerms child =
        terms(
            Set.of(Feature.API_ACCESS, Feature.WHITE_LABEL),
            Map.of(Limit.MAX_USERS, 3L),
            NOW.plusSeconds(500),
            List.of("a.example.com"));
    LicenseTerms within = Resale.within(issuer, child);
    assertThat(within.features()).containsExactly(Feature.API_ACCESS);
    assertThat(within.expiresAt()).isEqualTo(NOW.plusSeconds(100));
    assertThat(within.limits()).isEqualTo(child.limits());
    assertThat(Resale.within(issuer, within)).isEqualTo(within);
  }

  static License holding(String status, LicenseTerms terms) {
    return License.issued("L1", "org", null, "TG-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", terms)
        .withStatus(LicenseStatus.from(status).orElseThrow(), Suspension.DIRECT);
  }

  @Test
  void theVerdictGivesTheFirstReasonInItsOrder() {
    LicenseTerms bound =
        terms(Set.of(), Map.of(Limit.MAX_USERS, 2L), NOW.plusSeconds(10), List.of("*.example.com"));
    Map<Limit, Long> over = Map.of(Limit.MAX_USERS, 3L);
    assertThat(Verdict.of(holding("revoked", bound), null, over, NOW).reason())
        .isEqualTo(Verdict.Reason.REVOKED);
    assertThat(Verdict.of(holding("suspended", bound), null, over, NOW).reason())
        .isEqualTo(Verdict.Reason.SUSPENDED);
    assertThat(
            Verdict.of(holding("active", bound), null, over, NOW.plusSeconds(10 + 7 * 86_400))
                .reason())
        .isEqualTo(Verdict.Reason.EXPIRED);
    assertThat(Verdict.of(holding("active", bound), "example.com", over, NOW).reason())
        .isEqualTo(Verdict.Reason.DOMAIN_NOT_AUTHORIZED);
    assertThat(Verdict.of(holding("active", bound), "a.example.com", over, NOW).reason())
        .isEqualTo(Verdict.Reason.LIMITS_EXCEEDED);
    Verdict atTheLimit =
        Verdict.of(holding("active", bound), "a.example.com", Map.of(Limit.MAX_USERS, 2L), NOW);
    assertThat(atTheLimit.valid()).isTrue();
    assertThat(atTheLimit.state()).isEqualTo(LicenseState.ACTIVE);
    Verdict grace =
        Verdict.of(holding("active", bound), "a.example.com", Map.of(), NOW.plusSeconds(11));
    assertThat(grace.valid()).isTrue();
    assertThat(grace.state()).isEqualTo(LicenseState.GRACE);
  }
}
