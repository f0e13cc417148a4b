package dev.topgun.organizations.api;

import dev.topgun.organizations.store.MemberStore;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.events.EventPublisher;
import dev.topgun.shared.mail.Mailer;
import dev.topgun.shared.tenancy.Membership;
import dev.topgun.shared.tenancy.Role;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a pool's organization that its usage crossed 80 % or 100 % of a limit: the event {@code
 * LimitThresholdCrossed} and an e-mail to each of its owners, once per crossing (the reservation
 * that crossed reports it, see {@code Usage.reserve}). Sent after the change commits; a failure is
 * logged and does not undo the change.
 */
@Singleton
class ThresholdNotices {

  private static final Logger LOG = LoggerFactory.getLogger(ThresholdNotices.class);

  private final EventPublisher events;
  private final Mailer mailer;
  private final MemberStore members;

  ThresholdNotices(EventPublisher events, Mailer mailer, MemberStore members) {
    this.events = events;
    this.mailer = mailer;
    this.members = members;
  }

  void send(Optional<ThresholdCrossed> crossed) {
    crossed.ifPresent(this::send);
  }

  private void send(ThresholdCrossed crossed) {
    events.publishCommitted(
        Event.of(
            "LimitThresholdCrossed",
            crossed.poolOrgId(),
            new LimitThresholdCrossed(
                crossed.poolOrgId(),
                crossed.limit().value(),
                crossed.percent(),
                crossed.usage(),
                crossed.max())));
    for (String owner : ownerEmails(crossed.poolOrgId())) {
      try {
        mailer.send(
            owner,
            "Your plan's " + crossed.limit().value() + " is at " + crossed.percent() + " %",
            "Your organization uses "
                + crossed.usage()
                + " of its "
                + crossed.max()
                + " "
                + crossed.limit().value()
                + " ("
                + crossed.percent()
                + " %)."
                + (crossed.percent() >= 100
                    ? " New ones are refused until you free some or upgrade your license.\n"
                    : " Consider upgrading your license before you reach the limit.\n"));
      } catch (Mailer.MailException e) {
        LOG.error(
            "Threshold notice for organization {} not mailed: {}",
            crossed.poolOrgId(),
            e.getMessage());
      }
    }
  }

  private List<String> ownerEmails(String orgId) {
    List<String> emails = new ArrayList<>();
    members.forEach(
        orgId,
        item ->
            item.toMembership()
                .filter(m -> m.role() == Role.OWNER)
                .map(Membership::email)
                .ifPresent(emails::add));
    return emails;
  }

  /** The {@code data} of {@code LimitThresholdCrossed} (version 1). */
  @Serdeable
  public record LimitThresholdCrossed(
      String organizationId, String limit, int percent, long usage, long max) {}
}
