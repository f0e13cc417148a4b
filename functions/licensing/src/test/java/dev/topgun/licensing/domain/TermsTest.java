package dev.topgun.licensing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.licensing.domain.LicenseTerms.LicenseType;
import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.shared.entitlements.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules across the fields of license terms ({@link Terms}). */
class TermsTest {

  static final Instant NOW = World.NOW;
  static final Instant LATER = NOW.plus(Duration.ofDays(30));

  static RequestedTerms requested(LicenseType type, Instant expiresAt, List<String> domains) {
    return new RequestedTerms(type, Tier.BASIC, null, null, domains, expiresAt, null);
  }

  static List<String> fields(Runnable rejected) {
    try {
      rejected.run();
    } catch (TermsException e) {
      return e.violations().stream().map(TermsException.Violation::field).toList();
    }
    throw new AssertionError("the terms were accepted");
  }

  @Test
  void aNewLicense_getsFourteenDaysOfGrace_andItsDomainsOnceEachInCanonicalForm() {
    // when
    LicenseTerms terms =
        Terms.issue(
            requested(
                LicenseType.TRIAL,
                LATER,
                List.of("Panel.Example.com.", "panel.example.com", "*.Shop.Example")),
            NOW);

    // then
    assertThat(terms.graceDays()).isEqualTo(Terms.DEFAULT_GRACE_DAYS);
    assertThat(terms.authorizedDomains()).containsExactly("panel.example.com", "*.shop.example");
    assertThat(terms.issuedAt()).isEqualTo(NOW);
    assertThat(terms.features()).isEmpty();
  }

  @Test
  void theEnd_isRequiredUnlessPerpetual_absentIfPerpetual_andAfterTheIssue() {
    assertThat(fields(() -> Terms.issue(requested(LicenseType.TRIAL, null, null), NOW)))
        .containsExactly("expiresAt");
    assertThat(fields(() -> Terms.issue(requested(LicenseType.PERPETUAL, LATER, null), NOW)))
        .containsExactly("expiresAt");
    assertThat(fields(() -> Terms.issue(requested(LicenseType.SUBSCRIPTION, NOW, null), NOW)))
        .containsExactly("expiresAt");
    assertThat(Terms.issue(requested(LicenseType.PERPETUAL, null, null), NOW).expiresAt()).isNull();
  }

  @Test
  void everyRefusedFieldIsNamedAtOnce() {
    // when / then
    assertThat(
            fields(
                () ->
                    Terms.issue(
                        requested(
                            LicenseType.PERPETUAL, LATER, List.of("ok.example", "not a host")),
                        NOW)))
        .containsExactly("expiresAt", "authorizedDomains[1]");
  }

  @Test
  void aChangeOfType_keepsTheEnd_orDropsItForPerpetual_andTheEndStaysAfterTheFirstIssue() {
    // given
    LicenseTerms trial = Terms.issue(requested(LicenseType.TRIAL, LATER, null), NOW);
    RequestedTerms toSubscription = requested(LicenseType.SUBSCRIPTION, null, null);
    RequestedTerms toPerpetual = requested(LicenseType.PERPETUAL, null, null);

    // when / then
    assertThat(Terms.update(trial, toSubscription).expiresAt()).isEqualTo(LATER);
    assertThat(Terms.update(trial, toPerpetual).expiresAt()).isNull();
    assertThat(
            fields(() -> Terms.update(trial, requested(null, NOW.minus(Duration.ofDays(1)), null))))
        .containsExactly("expiresAt");
  }

  /** A subscription with api_access on a.example, 3 days' grace, at {@code tier}. */
  static LicenseTerms subscription(Tier tier, Map<Limit, Long> limits) {
    return new LicenseTerms(
        LicenseType.SUBSCRIPTION,
        tier,
        Set.of(Feature.API_ACCESS),
        limits,
        List.of("a.example"),
        NOW,
        LATER,
        3);
  }

  @Test
  void aChangeReplacesWhatItNames_andKeepsTheRest() {
    // given
    LicenseTerms before = subscription(Tier.BASIC, Map.of(Limit.MAX_USERS, 5L));

    // when
    LicenseTerms after =
        Terms.update(
            before,
            new RequestedTerms(
                null, Tier.ENTERPRISE, null, Map.of(Limit.MAX_SERVERS, 2L), null, null, null));

    // then
    assertThat(after).isEqualTo(subscription(Tier.ENTERPRISE, Map.of(Limit.MAX_SERVERS, 2L)));
    assertThat(Terms.deltas(before, after))
        .isEqualTo(new Terms.Deltas(Map.of(Limit.MAX_SERVERS, 2L), Map.of(Limit.MAX_USERS, 5L)));
  }

  @Test
  void aCarvedLicense_withinItsIssuer_passes_andBeyondIt_namesTheFields() {
    // given
    LicenseTerms issuer = Terms.issue(requested(LicenseType.TRIAL, LATER, null), NOW);
    LicenseTerms longer =
        Terms.issue(requested(LicenseType.TRIAL, LATER.plus(Duration.ofDays(1)), null), NOW);

    // when / then
    Terms.requireWithin(issuer, issuer);
    assertThatThrownBy(() -> Terms.requireWithin(issuer, longer))
        .isInstanceOf(TermsException.class)
        .hasMessageContaining("carved from");
  }
}
