package dev.topgun.licensing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.licensing.events.LicenseExpiryV1;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sweep over the ports in memory: each crossing announced once, its record and its announcement
 * in one write; a write it lost to another is announced by nobody twice.
 */
class ExpirySweepTest {

  private final World world = new World();

  private License expiringInADay(int graceDays) {
    RequestedTerms terms =
        new RequestedTerms(
            LicenseTerms.LicenseType.TRIAL,
            LicenseTerms.Tier.BASIC,
            Set.of(),
            Map.of(),
            null,
            World.NOW.plus(Duration.ofDays(1)),
            graceDays);
    License license = world.issue(world.reseller, terms);
    world.licenses.events.clear();
    return license;
  }

  @Test
  void graceThenExpiry_eachAnnouncedOnce_withTheLicensesEnds() {
    // given
    License license = expiringInADay(7);
    Instant expiresAt = World.NOW.plus(Duration.ofDays(1));

    // when / then
    assertThat(world.sweep.run()).isZero();
    world.clock.advance(Duration.ofDays(2));
    assertThat(world.sweep.run()).isEqualTo(1);
    assertThat(world.sweep.run()).isZero();
    world.clock.advance(Duration.ofDays(7));
    assertThat(world.sweep.run()).isEqualTo(1);
    assertThat(world.sweep.run()).isZero();
    assertThat(world.licenses.eventNames())
        .containsExactly("LicenseGraceStarted", "LicenseExpired");
    assertThat(world.licenses.events.get(0).data())
        .isEqualTo(
            new LicenseExpiryV1(
                license.id(), world.reseller, expiresAt, expiresAt.plus(Duration.ofDays(7))));
    assertThat(world.licenses.get(license.id()).noticeSent()).isEqualTo(Notice.EXPIRED);
  }

  @Test
  void withoutGrace_orFoundPastIt_onlyTheExpiryIsAnnounced() {
    // given
    License license = expiringInADay(0);
    world.clock.advance(Duration.ofDays(1));

    // when
    int announced = world.sweep.run();

    // then
    assertThat(announced).isEqualTo(1);
    assertThat(world.licenses.eventNames()).containsExactly("LicenseExpired");
    assertThat(((LicenseExpiryV1) world.licenses.events.get(0).data()).graceEndsAt())
        .isEqualTo(license.terms().expiresAt());
  }

  @Test
  void aLicenseChangedMeanwhile_isLeftForTheNextRun_andAnnouncedThenOnce() {
    // given: a change wins the race with the sweep's write
    License license = expiringInADay(7);
    world.clock.advance(Duration.ofDays(2));
    world.licenses.beforeNextWrite(() -> world.licenses.touch(license.id()));

    // when
    int lost = world.sweep.run();
    int next = world.sweep.run();

    // then
    assertThat(lost).isZero();
    assertThat(next).isEqualTo(1);
    assertThat(world.licenses.eventNames()).containsExactly("LicenseGraceStarted");
  }

  @Test
  void aRevokedOrPerpetualLicense_isNeverDue() {
    // given
    License license = expiringInADay(7);
    world.service.revoke(world.access, license.id(), World.AUDIT);
    world.licenses.events.clear();
    world.clock.advance(Duration.ofDays(30));

    // when / then
    assertThat(world.sweep.run()).isZero();
    assertThat(world.licenses.events).isEmpty();
  }
}
