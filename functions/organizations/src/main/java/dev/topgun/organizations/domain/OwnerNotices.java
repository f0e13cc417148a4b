package dev.topgun.organizations.domain;

import dev.topgun.organizations.events.LicenseExpiryV1;
import dev.topgun.shared.entitlements.LimitThresholdCrossedV1;
import dev.topgun.shared.mail.MailTemplate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the owners of an organization are told by e-mail: its pool's usage crossed a threshold of a
 * limit, its license entered its grace period, its license expired. The one place that finds an
 * organization's owners and mails them, for every such event (organizations' own and licensing's);
 * what the mails say is their templates' ({@link MailTemplate}), in the organization's brand.
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

  /** One message to the owners: a mail template and its variables. */
  record Notice(MailTemplate template, Map<String, Object> variables) {}

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
    return mailOwners(
        crossed.organizationId(), thresholdNotice(crossed, name(crossed.organizationId())));
  }

  /** The license expired; it keeps working, with warnings, until its grace period ends. */
  public Mailing licenseGraceStarted(LicenseExpiryV1 expiry) {
    return mailOwners(
        expiry.organizationId(),
        expiryNotice(MailTemplate.LICENSE_GRACE, expiry, name(expiry.organizationId())));
  }

  /** The grace period ended: licensed features are read-only. */
  public Mailing licenseExpired(LicenseExpiryV1 expiry) {
    return mailOwners(
        expiry.organizationId(),
        expiryNotice(MailTemplate.LICENSE_EXPIRED, expiry, name(expiry.organizationId())));
  }

  private Mailing mailOwners(String orgId, Notice notice) {
    List<String> owners = members.ownerEmails(orgId);
    int sent = 0;
    for (String owner : owners) {
      try {
        mailbox.send(owner, orgId, notice.template(), notice.variables());
        sent++;
      } catch (MailNotSentException e) {
        LOG.error(
            "Notice {} to an owner of organization {} not mailed: {}",
            notice.template().id(),
            orgId,
            e.getMessage());
      }
    }
    if (owners.isEmpty()) {
      LOG.warn("Organization {} has no owner to tell: {}", orgId, notice.template().id());
    }
    return new Mailing(owners.size(), sent);
  }

  private String name(String orgId) {
    return organizations.find(orgId).map(Organization::name).orElse("organization " + orgId);
  }

  static Notice thresholdNotice(LimitThresholdCrossedV1 crossed, String organization) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("organization.name", organization);
    variables.put("organization.id", crossed.organizationId());
    variables.put("limit.name", crossed.limit());
    variables.put("limit.percent", crossed.percent());
    variables.put("limit.usage", crossed.usage());
    variables.put("limit.max", crossed.max());
    variables.put("limit.reached", crossed.percent() >= 100);
    return new Notice(MailTemplate.LIMIT_THRESHOLD, variables);
  }

  /**
   * The grace notice or the expiry notice: both say when the license expired and its grace ends.
   */
  static Notice expiryNotice(MailTemplate template, LicenseExpiryV1 expiry, String organization) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("organization.name", organization);
    variables.put("organization.id", expiry.organizationId());
    variables.put("license.id", expiry.licenseId());
    variables.put("license.expiresAt", when(expiry.expiresAt()));
    variables.put("license.graceEndsAt", when(expiry.graceEndsAt()));
    return new Notice(template, variables);
  }

  private static String when(Instant instant) {
    return instant == null ? "an unknown date" : WHEN.format(instant);
  }
}
