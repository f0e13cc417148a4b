package dev.topgun.licensing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.entitlements.Limit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Validation by key over the ports in memory ({@link ValidationService}). */
class ValidationServiceTest {

  private final World world = new World();

  private License license(Map<Limit, Long> limits, List<String> domains) {
    return world.issue(
        world.reseller,
        new RequestedTerms(
            LicenseTerms.LicenseType.SUBSCRIPTION,
            LicenseTerms.Tier.BASIC,
            Set.of(Feature.API_ACCESS),
            limits,
            domains,
            World.NOW.plus(Duration.ofDays(10)),
            5));
  }

  @Test
  void aKeyAsTyped_opensItsLicense_onAnAuthorizedHost() {
    // given
    License license = license(Map.of(), List.of("*.example.com"));

    // when
    Validation valid =
        world.validation.validate(" " + license.key().toLowerCase() + " ", "a.example.com");
    Validation elsewhere = world.validation.validate(license.key(), "example.com");

    // then
    assertThat(valid.verdict().valid()).isTrue();
    assertThat(valid.terms().featureValues()).containsExactly("api_access");
    assertThat(valid.graceEndsAt()).isEmpty();
    assertThat(elsewhere.verdict().reason()).isEqualTo(Verdict.Reason.DOMAIN_NOT_AUTHORIZED);
    assertThat(elsewhere.terms()).isNull();
  }

  @Test
  void anUnknownOrMalformedKey_isNotFound() {
    assertThat(
            world.validation.validate("TG-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", null).verdict().reason())
        .isEqualTo(Verdict.Reason.NOT_FOUND);
    assertThat(world.validation.validate("not a key", null).verdict().reason())
        .isEqualTo(Verdict.Reason.NOT_FOUND);
  }

  @Test
  void inGrace_itIsValidUntilGraceEnds_thenExpired() {
    // given
    License license = license(Map.of(), List.of());
    world.clock.advance(Duration.ofDays(11));

    // when
    Validation grace = world.validation.validate(license.key(), null);
    world.clock.advance(Duration.ofDays(5));
    Validation expired = world.validation.validate(license.key(), null);

    // then
    assertThat(grace.verdict().valid()).isTrue();
    assertThat(grace.graceEndsAt()).contains(World.NOW.plus(Duration.ofDays(15)));
    assertThat(expired.verdict().reason()).isEqualTo(Verdict.Reason.EXPIRED);
  }

  @Test
  void usageAboveALimit_ofTheLicensesOwnPool_isLimitsExceeded() {
    // given
    License license = license(Map.of(Limit.MAX_SERVERS, 2L), List.of());
    world.pools.use(world.reseller, Limit.MAX_SERVERS, 3);

    // when / then
    assertThat(world.validation.validate(license.key(), null).verdict().reason())
        .isEqualTo(Verdict.Reason.LIMITS_EXCEEDED);
  }
}
