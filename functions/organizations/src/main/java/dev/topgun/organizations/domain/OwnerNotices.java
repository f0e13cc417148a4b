package dev.topgun.organizations.domain;

import dev.topgun.organizations.events.LicenseExpiryV1;
import dev.topgun.shared.entitlements.LimitThresholdCrossedV1;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the owners of an organization are told by e-mail: its pool's usage crossed a threshold of a
 * limit, its license entered its grace period, its license expired. The one place that finds an
 * organization's owners and mails them, for every such event (organizations' own and licensing's).
 *
 * <p>A message that cannot be sent to one owner is logged (never its text) and the others are still
 * mailed; the caller learns how many went out ({@link Mailing}).
 */
public final class OwnerNotices {

  private static final Logger LOG = LoggerFactory.getLogger(OwnerNotices.class);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final Members members;
  private final Organizations organizations;
  private final Mailbox mailbox;

  public OwnerNotices(Members members, Organizations organizations, Mailbox mailbox) {
    this.members = members;
    this.organizations = organizations;
    this.mailbox = mailbox;
  }

  /** One message to the owners. */
  record Notice(String subject, String text) {}

  /**
   * How a notice went out: to how many owners of how many it was for. Zero owners means the
   * organization has none (or does not exist).
   */
  public record Mailing(int owners, int sent) {

    /** There were owners, and not one of them could be mailed (e.g. the mail server is down). */
    public boolean failedEntirely() {
      return owners > 0 && sent == 0;
    }
  }

  /** The pool's usage of a limit crossed 80 % or 100 %. */
  public Mailing limitThresholdCrossed(LimitThresholdCrossedV1 crossed) {
    return mailOwners(crossed.organizationId(), thresholdNotice(crossed));
  }

  /** The license expired; it keeps working, with warnings, until its grace period ends. */
  public Mailing licenseGraceStarted(LicenseExpiryV1 expiry) {
    return mailOwners(expiry.organizationId(), graceNotice(expiry, name(expiry)));
  }

  /** The grace period ended: licensed features are read-only. */
  public Mailing licenseExpired(LicenseExpiryV1 expiry) {
    return mailOwners(expiry.organizationId(), expiredNotice(expiry, name(expiry)));
  }

  private Mailing mailOwners(String orgId, Notice notice) {
    List<String> owners = members.ownerEmails(orgId);
    int sent = 0;
    for (String owner : owners) {
      try {
        mailbox.send(owner, notice.subject(), notice.text());
        sent++;
      } catch (MailNotSentException e) {
        LOG.error(
            "Notice \"{}\" to an owner of organization {} not mailed: {}",
            notice.subject(),
            orgId,
            e.getMessage());
      }
    }
    if (owners.isEmpty()) {
      LOG.warn("Organization {} has no owner to tell: \"{}\"", orgId, notice.subject());
    }
    return new Mailing(owners.size(), sent);
  }

  private String name(LicenseExpiryV1 expiry) {
    return organizations
        .find(expiry.organizationId())
        .map(Organization::name)
        .orElse("organization " + expiry.organizationId());
  }

  static Notice thresholdNotice(LimitThresholdCrossedV1 crossed) {
    return new Notice(
        "Your plan's " + crossed.limit() + " is at " + crossed.percent() + " %",
        "Your organization uses "
            + crossed.usage()
            + " of its "
            + crossed.max()
            + " "
            + crossed.limit()
            + " ("
            + crossed.percent()
            + " %)."
            + (crossed.percent() >= 100
                ? " New ones are refused until you free some or upgrade your license.\n"
                : " Consider upgrading your license before you reach the limit.\n"));
  }

  static Notice graceNotice(LicenseExpiryV1 expiry, String organization) {
    String graceEnds = when(expiry.graceEndsAt());
    return new Notice(
        "Your license is in its grace period until " + graceEnds,
        "The license of "
            + organization
            + " expired on "
            + when(expiry.expiresAt())
            + ".\n\n"
            + "Until "
            + graceEnds
            + " everything keeps working, and each answer of the API carries a warning. After"
            + " that, the features of the license become read-only: you can still read your data,"
            + " but changes are refused until the license is renewed.\n\n"
            + "Renew the license before "
            + graceEnds
            + " to keep working without interruption.\n\n"
            + footer(expiry));
  }

  static Notice expiredNotice(LicenseExpiryV1 expiry, String organization) {
    return new Notice(
        "Your license has expired",
        "The license of "
            + organization
            + " expired on "
            + when(expiry.expiresAt())
            + " and its grace period ended on "
            + when(expiry.graceEndsAt())
            + ".\n\n"
            + "The features of the license are now read-only: you can still read your data, but"
            + " changes are refused. Functions that need no license keep working.\n\n"
            + "Renew the license to make its features writable again.\n\n"
            + footer(expiry));
  }

  private static String footer(LicenseExpiryV1 expiry) {
    return "License: " + expiry.licenseId() + "\nOrganization: " + expiry.organizationId() + "\n";
  }

  private static String when(Instant instant) {
    return instant == null ? "an unknown date" : WHEN.format(instant);
  }
}
