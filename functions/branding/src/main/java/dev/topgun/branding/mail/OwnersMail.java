package dev.topgun.branding.mail;

import dev.topgun.branding.domain.OwnerMail;
import dev.topgun.shared.mail.BrandedMail;
import dev.topgun.shared.mail.MailTemplate;
import dev.topgun.shared.mail.Mailer;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.tenancy.TenancyKeys;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owners' notices of the branding function, as branded mail (shared-lib's {@link BrandedMail}): the
 * owners are the organization's memberships with role {@code owner}. A mail that cannot be sent to
 * one owner is logged (never its text) and the others are still sent.
 */
@Singleton
public class OwnersMail implements OwnerMail {

  private static final Logger LOG = LoggerFactory.getLogger(OwnersMail.class);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final BrandedMail mail;
  private final SingleTableStore store;
  private final Clock clock;

  public OwnersMail(BrandedMail mail, SingleTableStore store, Clock clock) {
    this.mail = mail;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void hostnameSuspended(String orgId, String hostname) {
    String name =
        store
            .get(OrganizationItem.SCHEMA, TenancyKeys.organization(orgId))
            .map(OrganizationItem::getName)
            .orElse(orgId);
    Map<String, Object> variables =
        Map.of(
            "organization.name", name,
            "organization.id", orgId,
            "hostname.name", hostname,
            "hostname.suspendedAt", WHEN.format(clock.instant()),
            "hostname.settingsUrl", "/organizations/" + orgId + "/branding");
    for (String owner : owners(orgId)) {
      try {
        mail.send(owner, orgId, MailTemplate.HOSTNAME_SUSPENDED, variables);
      } catch (Mailer.MailException e) {
        LOG.error(
            "The suspension of {} was not mailed to an owner of {}: {}",
            hostname,
            orgId,
            e.getMessage());
      }
    }
  }

  private List<String> owners(String orgId) {
    List<String> owners = new ArrayList<>();
    store.forEach(
        MembershipItem.SCHEMA,
        TenancyKeys.members(orgId),
        item ->
            item.toMembership()
                .filter(m -> m.role() == Role.OWNER && m.email() != null)
                .ifPresent(m -> owners.add(m.email())));
    return owners;
  }
}
