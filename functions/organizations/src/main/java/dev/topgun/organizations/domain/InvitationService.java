package dev.topgun.organizations.domain;

import dev.topgun.organizations.events.OrganizationEvents;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.mail.MailTemplate;
import dev.topgun.shared.store.Revision;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Invitations: an admin invites an e-mail address with a role; the mail (in the brand of the
 * organization, its link on the organization's hostname or the console) goes out first and the
 * invitation is stored only once the mail server took it, so a refused mail leaves nothing behind.
 * The invitee, signed in with that address verified, accepts once, within {@link #VALIDITY}, with
 * the token from the mail: that adds the membership (one {@code max_users} of the pool).
 */
public final class InvitationService {

  public static final Duration VALIDITY = Duration.ofDays(7);

  /** Where the web app accepts an invitation: the mailed link is this path and the token. */
  public static final String ACCEPT_PATH = "/invitations/";

  private final Invitations invitations;
  private final Organizations organizations;
  private final Profiles profiles;
  private final Pools pools;
  private final Mailbox mailbox;
  private final Clock clock;

  public InvitationService(
      Invitations invitations,
      Organizations organizations,
      Profiles profiles,
      Pools pools,
      Mailbox mailbox,
      Clock clock) {
    this.invitations = invitations;
    this.organizations = organizations;
    this.profiles = profiles;
    this.pools = pools;
    this.mailbox = mailbox;
    this.clock = clock;
  }

  /**
   * Mails an invitation to {@code email} and stores it.
   *
   * @throws MailNotSentException the mail server did not take it: nothing is stored
   */
  public Invitation invite(
      Access access, String email, Role role, List<String> permissions, AuditContext audit) {
    Grants.requireOwnersWriteFor(role, access.permissions());
    Set<Permission> grants = Grants.parse(permissions, access.permissions());
    String token = InvitationToken.generate();
    Invitation invitation =
        new Invitation(
            Ids.newId(),
            InvitationToken.hash(token),
            access.organization().id(),
            email.strip().toLowerCase(Locale.ROOT),
            role,
            grants,
            audit.actor(),
            clock.instant().plus(VALIDITY),
            InvitationStatus.PENDING,
            null,
            Revision.NEW);
    mailbox.send(
        invitation.email(),
        invitation.orgId(),
        MailTemplate.INVITATION,
        Map.of(
            "organization.name", access.organization().name(),
            "invitation.role", role.value(),
            "invitation.validDays", VALIDITY.toDays(),
            "invitation.acceptUrl", ACCEPT_PATH + token));
    return invitations.create(
        invitation, Change.by(audit).with(Facts.invitationCreated(invitation, audit.actor())));
  }

  /** The invitee, signed in: who they are as their token says. */
  public record Invitee(String userId, String email, boolean emailVerified) {}

  /** What accepting gave: the organization and the membership in it. */
  public record Joined(Organization organization, Member member) {}

  /**
   * The invitee accepts with the mailed token.
   *
   * @throws NotFoundException an unknown token, or its organization is deleted
   * @throws TreeRuleException {@code email_mismatch} (another or an unverified address), {@code
   *     invitation_used}, {@code invitation_expired}, {@code already_member}
   */
  public Joined accept(String token, Invitee invitee, AuditContext audit) {
    return Conflicts.retry(
        () -> {
          Invitation invitation = find(token);
          Branch branch =
              organizations
                  .branch(invitation.orgId())
                  .filter(Branch::effectivelyActive)
                  .orElseThrow(NotFoundException::new);
          if (!invitee.emailVerified()
              || invitee.email() == null
              || !invitee.email().toLowerCase(Locale.ROOT).equals(invitation.email())) {
            throw TreeRuleException.notYours(
                TreeRuleException.EMAIL_MISMATCH,
                "Sign in with the invited e-mail address, verified, to accept this invitation.");
          }
          requirePending(invitation);
          profiles.ensure(invitee.userId(), invitee.email(), true);
          Member member =
              Member.of(
                  invitation.orgId(),
                  invitee.userId(),
                  invitation.role(),
                  invitation.grants(),
                  invitation.email());
          Change change =
              Change.by(audit)
                  .with(Facts.member(OrganizationEvents.MEMBER_ADDED, member, audit.actor()));
          Member added =
              pools.reserving(
                  branch,
                  Limit.MAX_USERS,
                  1,
                  crossed ->
                      invitations.accept(
                          invitation.acceptedBy(invitee.userId()),
                          member,
                          change.withCrossings(crossed)));
          return new Joined(branch.organization(), added);
        });
  }

  private Invitation find(String token) {
    if (!InvitationToken.plausible(token)) {
      throw new NotFoundException();
    }
    return invitations.find(InvitationToken.hash(token)).orElseThrow(NotFoundException::new);
  }

  private void requirePending(Invitation invitation) {
    if (invitation.status() != InvitationStatus.PENDING) {
      throw TreeRuleException.conflict(
          TreeRuleException.INVITATION_USED, "The invitation has been used already.");
    }
    if (!clock.instant().isBefore(invitation.expiresAt())) {
      throw TreeRuleException.gone(
          TreeRuleException.INVITATION_EXPIRED, "The invitation expired; ask for a new one.");
    }
  }
}
