package dev.topgun.licensing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.licensing.events.LicenseChangedV1;
import dev.topgun.shared.entitlements.FeatureNotLicensedException;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.LimitThresholdCrossedV1;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.LimitExceededException;
import dev.topgun.shared.tenancy.ForbiddenException;
import dev.topgun.shared.tenancy.NotFoundException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issuing and changing licenses over the ports in memory ({@link World}): who may, out of which
 * pool, and that each change's events exist exactly when its write does. The wire is the ITs'.
 */
class LicenseServiceTest {

  private final World world = new World();

  @Test
  void theOperatorIssues_signedAndCurrent_withItsEventInTheSameWrite() {
    // when
    License issued =
        world.issue(
            world.reseller,
            World.subscription(
                Set.of(Feature.WHITE_LABEL), Map.of(Limit.MAX_USERS, 5L), Duration.ofDays(30)));

    // then
    assertThat(issued.issuerOrgId()).isNull();
    assertThat(issued.key()).matches("TG(-[A-Z2-7]{5}){5}");
    assertThat(issued.kid()).isEqualTo(world.keys.current);
    assertThat(world.licenses.current(world.reseller).orElseThrow().licenseId())
        .isEqualTo(issued.id());
    assertThat(world.licenses.events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.name()).isEqualTo("LicenseIssued");
              assertThat(e.organizationId()).isEqualTo(world.reseller);
              assertThat(e.data())
                  .isEqualTo(
                      new LicenseChangedV1(
                          issued.id(), world.reseller, "active", "professional", null));
            });
    assertThat(world.licenses.actions).containsExactly("license.issued");
    assertThat(world.access.asked).containsExactly("write reseller", "issue from root");
  }

  @Test
  void theOperatorsOwnOrganization_takesNoLicense() {
    // when / then
    assertThatThrownBy(() -> world.issue(world.root, World.year(Map.of())))
        .isInstanceOfSatisfying(
            LicenseRuleException.class,
            e -> assertThat(e.reason()).isEqualTo(LicenseRuleException.OPERATOR_UNLIMITED));
    assertThat(world.licenses.writes).isZero();
  }

  @Test
  void aSecondLicense_isRefusedNamingTheFirst_untilTheFirstIsRevoked() {
    // given
    License first = world.issue(world.reseller, World.year(Map.of()));

    // when / then
    assertThatThrownBy(() -> world.issue(world.reseller, World.year(Map.of())))
        .isInstanceOfSatisfying(
            LicenseRuleException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LicenseRuleException.ALREADY_LICENSED);
              assertThat(e.licenseId()).isEqualTo(first.id());
            });
    world.service.revoke(world.access, first.id(), World.AUDIT);
    License second = world.issue(world.reseller, World.year(Map.of()));
    assertThat(world.licenses.current(world.reseller).orElseThrow().licenseId())
        .isEqualTo(second.id());
  }

  @Test
  void aResellerIssuesOutOfItsPool_reservingWhatItHandsDown_andReportsTheCrossingWithIt() {
    // given: the reseller holds 10 servers
    world.resellerLicense(Map.of(Limit.MAX_SERVERS, 10L));
    world.licenses.events.clear();

    // when: 8 handed down (80 %)
    License carved = world.agencyLicense(Map.of(Limit.MAX_SERVERS, 8L));

    // then
    assertThat(carved.issuerOrgId()).isEqualTo(world.reseller);
    assertThat(world.pools.used(world.reseller, Limit.MAX_SERVERS)).isEqualTo(8);
    assertThat(world.licenses.eventNames())
        .containsExactly("LicenseIssued", "LimitThresholdCrossed");
    assertThat(world.licenses.events.get(1).data())
        .isEqualTo(new LimitThresholdCrossedV1(world.reseller, "max_servers", 80, 8, 10));
    assertThat(world.access.asked).contains("issue from reseller (resells)");
  }

  @Test
  void moreThanThePoolHolds_isRefused_andNothingIsWrittenOrKept() {
    // given: 8 of the reseller's 10 servers handed down
    world.resellerLicense(Map.of(Limit.MAX_SERVERS, 10L));
    world.agencyLicense(Map.of(Limit.MAX_SERVERS, 8L));
    int writes = world.licenses.writes;

    // when / then: 3 more do not fit
    assertThatThrownBy(() -> world.issue(world.studio, World.year(Map.of(Limit.MAX_SERVERS, 3L))))
        .isInstanceOf(LimitExceededException.class);
    assertThat(world.licenses.writes).isEqualTo(writes);
    assertThat(world.pools.used(world.reseller, Limit.MAX_SERVERS)).isEqualTo(8);
  }

  @Test
  void aWriteThatFails_givesTheReservationBack_andItsCrossingNeverExisted() {
    // given
    world.resellerLicense(Map.of(Limit.MAX_SERVERS, 10L));
    world.licenses.events.clear();
    world.licenses.failNextWrite =
        new ItemAlreadyExistsException(new ItemKey("ORG#agency", "LICENSE"));

    // when / then
    assertThatThrownBy(() -> world.agencyLicense(Map.of(Limit.MAX_SERVERS, 10L)))
        .isInstanceOf(ItemAlreadyExistsException.class);
    assertThat(world.pools.used(world.reseller, Limit.MAX_SERVERS)).isZero();
    assertThat(world.licenses.events).isEmpty();
  }

  @Test
  void aCarvedLicense_holdingMoreThanItsIssuer_namesEveryWay() {
    // given: the reseller resells white_label and 10 servers for a year
    world.resellerLicense(Map.of(Limit.MAX_SERVERS, 10L));

    // when / then: payment_processing, no server limit, two years
    assertThatThrownBy(
            () ->
                world.issue(
                    world.agency,
                    World.subscription(
                        Set.of(Feature.PAYMENT_PROCESSING), Map.of(), Duration.ofDays(730))))
        .isInstanceOfSatisfying(
            TermsException.class,
            e ->
                assertThat(e.violations())
                    .extracting(TermsException.Violation::field)
                    .containsExactlyInAnyOrder("features", "limits.max_servers", "expiresAt"));
    assertThat(world.pools.used(world.reseller, Limit.MAX_SERVERS)).isZero();
  }

  @Test
  void withoutResellLicenses_aLicensedOrganizationIssuesNothing() {
    // given: the reseller's license lacks resell_licenses
    world.issue(world.reseller, World.year(Map.of(Limit.MAX_SERVERS, 10L)));

    // when / then
    assertThatThrownBy(() -> world.agencyLicense(Map.of(Limit.MAX_SERVERS, 1L)))
        .isInstanceOf(FeatureNotLicensedException.class);
    assertThat(world.licenses.current(world.agency)).isEmpty();
  }

  @Test
  void theLicenseeReadsItsLicense_butChangingItTakesTheIssuersRights() {
    // given: the caller may read the reseller but not write as the operator
    License license = world.issue(world.reseller, World.year(Map.of()));
    world.access.readOnly.add(world.root);

    // when / then
    assertThat(world.service.read(world.access, license.id())).isEqualTo(license);
    assertThatThrownBy(
            () ->
                world.service.update(
                    world.access,
                    license.id(),
                    World.change(Tier.ENTERPRISE, null, null),
                    World.AUDIT))
        .isInstanceOf(ForbiddenException.class);
    assertThat(world.licenses.get(license.id()).terms().tier()).isEqualTo(Tier.PROFESSIONAL);
  }

  @Test
  void aLicenseTheCallerCannotSee_orAnIdThatIsNone_isNotFound() {
    // given
    License license = world.issue(world.other, World.year(Map.of()));
    world.access.hidden.add(world.other);

    // when / then
    assertThatThrownBy(() -> world.service.read(world.access, license.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> world.service.read(world.access, "not-an-id"))
        .isInstanceOf(NotFoundException.class);
  }
}
