package dev.topgun.organizations.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.organizations.events.LicenseExpiryV1;
import dev.topgun.shared.entitlements.LimitThresholdCrossedV1;
import dev.topgun.shared.mail.MailTemplate;
import dev.topgun.shared.mail.RenderedMail;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the owners' notices say, rendered by shared-lib's renderer in the default brand. */
class OwnerNoticesTest {

  private static final LicenseExpiryV1 EXPIRY =
      new LicenseExpiryV1(
          "01JD2Y5WZZ0000000000000001",
          "01JD2Y5WZZ0000000000000000",
          Instant.parse("2026-11-11T12:00:00Z"),
          Instant.parse("2026-11-25T23:30:00.500Z"));

  @Test
  void graceNotice_namesTheGraceEndInUtc_andWhatHappensAfter() {
    // when
    RenderedMail notice =
        render(OwnerNotices.expiryNotice(MailTemplate.LICENSE_GRACE, EXPIRY, "Acme Hosting"));

    // then
    assertThat(notice.subject())
        .isEqualTo("Your license is in its grace period until 25 November 2026, 23:30 UTC");
    assertThat(notice.text())
        .startsWith("The license of Acme Hosting expired on 11 November 2026, 12:00 UTC.")
        .contains("Until 25 November 2026, 23:30 UTC everything keeps working")
        .contains("read-only")
        .contains(
            "License: 01JD2Y5WZZ0000000000000001\nOrganization: 01JD2Y5WZZ0000000000000000\n");
  }

  @Test
  void expiredNotice_saysTheFeaturesAreReadOnly_andHowToRecover() {
    // when
    RenderedMail notice =
        render(OwnerNotices.expiryNotice(MailTemplate.LICENSE_EXPIRED, EXPIRY, "Acme Hosting"));

    // then
    assertThat(notice.subject()).isEqualTo("Your license has expired");
    assertThat(notice.text())
        .contains("expired on 11 November 2026, 12:00 UTC")
        .contains("grace period ended on 25 November 2026, 23:30 UTC")
        .contains("now read-only")
        .contains("Renew the license");
    assertThat(notice.html()).contains("<strong>Acme Hosting</strong>");
  }

  @Test
  void thresholdNotice_warnsAt80_andRefusesAt100() {
    // when
    RenderedMail warning =
        render(
            OwnerNotices.thresholdNotice(
                new LimitThresholdCrossedV1("o", "max_users", 80, 8, 10), "Acme Hosting"));
    RenderedMail full =
        render(
            OwnerNotices.thresholdNotice(
                new LimitThresholdCrossedV1("o", "max_users", 100, 10, 10), "Acme Hosting"));

    // then
    assertThat(warning.subject()).isEqualTo("Your plan's max_users is at 80 %");
    assertThat(warning.text())
        .startsWith(
            "Your organization uses 8 of its 10 max_users (80 %). Consider upgrading your license"
                + " before you reach the limit.\n");
    assertThat(full.text())
        .contains("New ones are refused until you free some")
        .doesNotContain("Consider upgrading");
  }

  @Test
  void mailing_failedEntirely_onlyWhenThereWereOwnersAndNoneWasMailed() {
    assertThat(new OwnerNotices.Mailing(2, 0).failedEntirely()).isTrue();
    assertThat(new OwnerNotices.Mailing(2, 1).failedEntirely()).isFalse();
    assertThat(new OwnerNotices.Mailing(0, 0).failedEntirely()).isFalse();
  }

  private static RenderedMail render(OwnerNotices.Notice notice) {
    return RecordingMailbox.render(notice.template(), notice.variables());
  }
}
