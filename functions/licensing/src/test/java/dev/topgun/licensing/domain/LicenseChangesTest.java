package dev.topgun.licensing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.shared.entitlements.LicenseReadOnlyException;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.store.VersionConflictException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Changing, suspending, resuming and revoking licenses, and what follows for the licenses carved
 * from them, over the ports in memory ({@link World}).
 */
class LicenseChangesTest {

  private final World world = new World();

  private License update(License license, RequestedTerms change) {
    return world.service.update(world.access, license.id(), change, World.AUDIT);
  }

  @Test
  void raisingAndLoweringHandedDownLimits_reservesTheDifference_andGivesTheRestBack() {
    // given
    world.resellerLicense(Map.of(Limit.MAX_SERVERS, 10L, Limit.MAX_USERS, 10L));
    License carved = world.agencyLicense(Map.of(Limit.MAX_SERVERS, 4L, Limit.MAX_USERS, 4L));

    // when
    update(carved, World.change(null, null, Map.of(Limit.MAX_SERVERS, 9L, Limit.MAX_USERS, 1L)));

    // then
    assertThat(world.pools.used(world.reseller, Limit.MAX_SERVERS)).isEqualTo(9);
    assertThat(world.pools.used(world.reseller, Limit.MAX_USERS)).isEqualTo(1);
    assertThat(world.licenses.actions).endsWith("license.updated");
  }

  @Test
  void aChangeThatLostARace_writesNothing_andGivesItsReservationBack() {
    // given: another request changes the license between the read and the write
    world.resellerLicense(Map.of(Limit.MAX_SERVERS, 10L));
    License carved = world.agencyLicense(Map.of(Limit.MAX_SERVERS, 2L));
    world.licenses.beforeNextWrite(() -> world.licenses.touch(carved.id()));

    // when / then
    assertThatThrownBy(
            () -> update(carved, World.change(null, null, Map.of(Limit.MAX_SERVERS, 6L))))
        .isInstanceOf(VersionConflictException.class);
    assertThat(world.pools.used(world.reseller, Limit.MAX_SERVERS)).isEqualTo(2);
  }

  @Test
  void aRenewal_isAnnouncedAgain_butAnotherTierKeepsWhatWasAnnounced() {
    // given: announced in grace
    License license = world.issue(world.reseller, World.year(Map.of()));
    world.clock.advance(Duration.ofDays(366));
    world.sweep.run();

    // when
    License retiered =
        update(world.licenses.get(license.id()), World.change(Tier.BASIC, null, null));
    License renewed =
        update(
            retiered,
            new RequestedTerms(
                null, null, null, null, null, World.NOW.plus(Duration.ofDays(800)), null));

    // then
    assertThat(retiered.noticeSent()).isEqualTo(Notice.GRACE);
    assertThat(renewed.noticeSent()).isNull();
    assertThat(renewed.nextNoticeAt()).contains(World.NOW.plus(Duration.ofDays(800)));
  }

  @Test
  void narrowingALicense_bringsEveryLicenseCarvedFromItWithin_twoLevelsDown() {
    // given: reseller > agency > customer, each carved with white_label and resell_licenses
    world.resellerLicense(Map.of());
    License agency =
        world.issue(
            world.agency,
            World.subscription(
                Set.of(Feature.RESELL_LICENSES, Feature.WHITE_LABEL),
                Map.of(),
                Duration.ofDays(30)));
    License customer =
        world.issue(
            world.customer,
            World.subscription(Set.of(Feature.WHITE_LABEL), Map.of(), Duration.ofDays(20)));
    License reseller =
        world.licenses.get(world.licenses.current(world.reseller).orElseThrow().licenseId());

    // when: the reseller keeps resell_licenses only
    update(reseller, World.change(null, Set.of(Feature.RESELL_LICENSES), null));

    // then
    assertThat(world.licenses.get(agency.id()).terms().features())
        .containsExactly(Feature.RESELL_LICENSES);
    assertThat(world.licenses.get(customer.id()).terms().features()).isEmpty();
    assertThat(world.licenses.get(customer.id()).kid()).isEqualTo(world.keys.current);
    assertThat(world.licenses.actions)
        .endsWith("license.updated", "license.reevaluated", "license.reevaluated");
  }

  @Test
  void suspendingSuspendsWhatWasCarved_andResumingResumesOnlyThose() {
    // given: two carved licenses, one of them suspended on its own
    License reseller = world.resellerLicense(Map.of());
    License agency = world.agencyLicense(Map.of());
    License studio =
        world.issue(world.studio, World.subscription(Set.of(), Map.of(), Duration.ofDays(30)));
    world.service.suspend(world.access, studio.id(), World.AUDIT);

    // when
    world.service.suspend(world.access, reseller.id(), World.AUDIT);
    License suspendedAgency = world.licenses.get(agency.id());
    world.service.resume(world.access, reseller.id(), World.AUDIT);

    // then
    assertThat(suspendedAgency.suspendedBy()).isEqualTo(Suspension.ISSUER);
    assertThat(world.licenses.get(agency.id()).status()).isEqualTo(LicenseStatus.ACTIVE);
    assertThat(world.licenses.get(studio.id()).suspendedBy()).isEqualTo(Suspension.DIRECT);
    assertThat(world.licenses.eventNames())
        .containsSubsequence(
            "LicenseSuspended", "LicenseSuspended", "LicenseResumed", "LicenseResumed");
  }

  @Test
  void onlyASuspendedLicense_resumes() {
    // given
    License reseller = world.resellerLicense(Map.of());

    // when / then
    assertThatThrownBy(() -> world.service.resume(world.access, reseller.id(), World.AUDIT))
        .isInstanceOfSatisfying(
            LicenseRuleException.class,
            e -> assertThat(e.reason()).isEqualTo(LicenseRuleException.NOT_SUSPENDED));
    assertThat(world.licenses.actions).containsExactly("license.issued");
  }

  @Test
  void underASuspendedIssuer_itsLicensesTakeNoChange() {
    // given
    License reseller = world.resellerLicense(Map.of());
    License agency = world.agencyLicense(Map.of());
    world.service.suspend(world.access, reseller.id(), World.AUDIT);

    // when / then: the reseller's licenses are its licensed feature, read-only while suspended
    assertThatThrownBy(() -> world.service.resume(world.access, agency.id(), World.AUDIT))
        .isInstanceOf(LicenseReadOnlyException.class);
    assertThat(world.licenses.get(agency.id()).status()).isEqualTo(LicenseStatus.SUSPENDED);
  }

  @Test
  void revoking_givesTheLimitsBack_andIsFinal() {
    // given
    world.resellerLicense(Map.of(Limit.MAX_SERVERS, 10L));
    License agency = world.agencyLicense(Map.of(Limit.MAX_SERVERS, 6L));

    // when
    world.service.revoke(world.access, agency.id(), World.AUDIT);
    License again = world.service.revoke(world.access, agency.id(), World.AUDIT);

    // then
    assertThat(world.pools.used(world.reseller, Limit.MAX_SERVERS)).isZero();
    assertThat(again.status()).isEqualTo(LicenseStatus.REVOKED);
    assertThat(world.licenses.actions).containsOnlyOnce("license.revoked");
    assertThatThrownBy(
            () -> update(world.licenses.get(agency.id()), World.change(Tier.BASIC, null, null)))
        .isInstanceOfSatisfying(
            LicenseRuleException.class,
            e -> assertThat(e.reason()).isEqualTo(LicenseRuleException.REVOKED));
    assertThatThrownBy(() -> world.service.suspend(world.access, agency.id(), World.AUDIT))
        .isInstanceOfSatisfying(
            LicenseRuleException.class,
            e -> assertThat(e.reason()).isEqualTo(LicenseRuleException.REVOKED));
  }

  @Test
  void revokingAnIssuer_suspendsWhatWasCarvedFromIt() {
    // given
    License reseller = world.resellerLicense(Map.of());
    License agency = world.agencyLicense(Map.of());

    // when
    world.service.revoke(world.access, reseller.id(), World.AUDIT);

    // then
    assertThat(world.licenses.get(agency.id()).status()).isEqualTo(LicenseStatus.SUSPENDED);
    assertThat(world.licenses.get(agency.id()).suspendedBy()).isEqualTo(Suspension.ISSUER);
    assertThat(world.licenses.eventNames()).endsWith("LicenseRevoked", "LicenseSuspended");
  }

  @Test
  void licensingASubtree_takesItsShareOutOfThePoolItDrewOn_intoItsOwnWhereItIsLimited() {
    // given: the agency's subtree counts 3 organizations and 4 members; the pool limits users
    world.resellerLicense(Map.of(Limit.MAX_USERS, 20L));
    world.pools.use(world.reseller, Limit.MAX_USERS, 4);
    world.pools.shares.put(world.agency, new Pools.Share(3, 4));

    // when: 5 users handed down to the agency
    world.agencyLicense(Map.of(Limit.MAX_USERS, 5L));

    // then: its 4 members count in its own pool now, beside the 5 handed down in the reseller's
    assertThat(world.pools.used(world.reseller, Limit.MAX_USERS)).isEqualTo(5);
    assertThat(world.pools.used(world.agency, Limit.MAX_USERS)).isEqualTo(4);
    assertThat(world.pools.used(world.agency, Limit.MAX_CHILD_ORGANIZATIONS)).isZero();
  }
}
