package dev.topgun.licensing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.licensing.domain.LicenseTerms.LicenseType;
import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.shared.entitlements.LicenseState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A license's state at a moment, and when its notices fall due ({@link License}). */
class LicenseTest {

  static final Instant ENDS = World.NOW.plus(Duration.ofDays(10));

  static License license(Instant expiresAt, int graceDays) {
    return License.issued(
        "L1",
        "org",
        null,
        "TG-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA",
        new LicenseTerms(
            expiresAt == null ? LicenseType.PERPETUAL : LicenseType.SUBSCRIPTION,
            Tier.BASIC,
            Set.of(),
            Map.of(),
            List.of(),
            World.NOW,
            expiresAt,
            graceDays));
  }

  @Test
  void activeUntilItExpires_inGraceForItsGraceDays_thenExpired_andStoredStatusesWin() {
    License license = license(ENDS, 7);

    assertThat(license.state(ENDS.minusSeconds(1))).isEqualTo(LicenseState.ACTIVE);
    assertThat(license.state(ENDS)).isEqualTo(LicenseState.GRACE);
    assertThat(license.state(ENDS.plus(Duration.ofDays(7)))).isEqualTo(LicenseState.EXPIRED);
    assertThat(license.withStatus(LicenseStatus.SUSPENDED, Suspension.DIRECT).state(World.NOW))
        .isEqualTo(LicenseState.SUSPENDED);
    assertThat(license(null, 0).state(Instant.MAX)).isEqualTo(LicenseState.ACTIVE);
  }

  @Test
  void itsNotices_fallDueAtItsEnd_thenAtTheEndOfGrace_thenNever() {
    License license = license(ENDS, 7);
    Instant inGrace = ENDS.plus(Duration.ofDays(1));
    Instant afterGrace = ENDS.plus(Duration.ofDays(8));

    assertThat(license.nextNoticeAt()).contains(ENDS);
    assertThat(license.noticeDue(ENDS.minusSeconds(1))).isEmpty();
    assertThat(license.noticeDue(inGrace)).contains(Notice.GRACE);
    License announced = license.withNotice(Notice.GRACE);
    assertThat(announced.nextNoticeAt()).contains(ENDS.plus(Duration.ofDays(7)));
    assertThat(announced.noticeDue(inGrace)).isEmpty();
    assertThat(announced.noticeDue(afterGrace)).contains(Notice.EXPIRED);
    assertThat(announced.withNotice(Notice.EXPIRED).nextNoticeAt()).isEmpty();
  }

  @Test
  void foundPastBothEnds_onlyExpiredIsDue_andNothingForWhatNeverEndsOrIsRevoked() {
    assertThat(license(ENDS, 7).noticeDue(ENDS.plus(Duration.ofDays(30)))).contains(Notice.EXPIRED);
    assertThat(license(ENDS, 0).noticeDue(ENDS)).contains(Notice.EXPIRED);
    assertThat(license(null, 0).nextNoticeAt()).isEmpty();
    assertThat(license(ENDS, 7).withStatus(LicenseStatus.REVOKED, null).nextNoticeAt()).isEmpty();
  }

  @Test
  void aChangeToAnotherEnd_clearsWhatWasAnnounced_butOtherChangesKeepIt() {
    License announced = license(ENDS, 7).withNotice(Notice.GRACE);
    LicenseTerms terms = announced.terms();

    assertThat(announced.changedTo(terms.withExpiresAt(ENDS.plusSeconds(1))).noticeSent()).isNull();
    assertThat(announced.changedTo(terms.withFeatures(Set.of(Feature.API_ACCESS))).noticeSent())
        .isEqualTo(Notice.GRACE);
    assertThat(announced.withTerms(terms.withExpiresAt(ENDS.minusSeconds(1))).noticeSent())
        .isEqualTo(Notice.GRACE);
  }
}
