package dev.topgun.organizations.api;

import dev.topgun.organizations.store.InvitationItem;
import dev.topgun.organizations.store.InvitationStore;
import dev.topgun.organizations.store.OrganizationStore;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.events.EventPublisher;
import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ProblemType;
import dev.topgun.shared.mail.Mailer;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.Authorizer.Authorized;
import dev.topgun.shared.tenancy.Lineage;
import dev.topgun.shared.tenancy.Membership;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.tenancy.SignedInUser;
import dev.topgun.shared.tenancy.TenancyDirectory;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Invitations: an admin invites an e-mail address with a role; the invitee, signed in with that
 * address verified, accepts with the token from the e-mail.
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InvitationsController {

  private final InvitationStore invitations;
  private final OrganizationStore organizations;
  private final Authorizer authorizer;
  private final TenancyDirectory directory;
  private final Mailer mailer;
  private final EventPublisher events;
  private final String acceptBaseUrl;
  private final Pools pools;

  InvitationsController(
      InvitationStore invitations,
      OrganizationStore organizations,
      Authorizer authorizer,
      TenancyDirectory directory,
      Mailer mailer,
      EventPublisher events,
      Pools pools,
      @Value("${topgun.web.base-url:http://localhost:8080}") String webBaseUrl) {
    this.pools = pools;
    this.invitations = invitations;
    this.organizations = organizations;
    this.authorizer = authorizer;
    this.directory = directory;
    this.mailer = mailer;
    this.events = events;
    this.acceptBaseUrl = webBaseUrl.replaceAll("/+$", "") + "/invitations/";
  }

  /**
   * {@code invitations:write} (and {@code owners:write} to invite an owner): mails the link, then
   * stores the invitation; if the mail server does not take the message nothing is stored and the
   * answer is 503.
   */
  @Post("/organizations/{orgId}/invitations")
  public HttpResponse<InvitationResponse> invite(
      HttpRequest<?> request,
      SignedInUser user,
      @PathVariable String orgId,
      @Valid @Body MemberRequests.Invite body) {
    Authorized granted = authorizer.authorize(user.caller(), orgId, Permission.INVITATIONS_WRITE);
    Role role = Grants.role(body.role());
    if (role == Role.OWNER) {
      Grants.requireOwnersWrite(granted.permissions());
    }
    Set<Permission> grants = Grants.parse(body.permissions(), granted.permissions());
    InvitationStore.Created created =
        invitations.prepare(orgId, body.email().strip(), role, grants, user.userId());
    String organizationName = granted.organization().getName();
    try {
      mailer.send(
          created.invitation().getEmail(),
          "You are invited to " + organizationName,
          "You are invited to join "
              + organizationName
              + " as "
              + role.value()
              + ".\n\nAccept the invitation (valid for 7 days, once):\n"
              + acceptBaseUrl
              + created.token()
              + "\n\nSign in with this e-mail address to accept. If you did not expect this"
              + " invitation, ignore this message.\n");
    } catch (Mailer.MailException e) {
      throw new ProblemException(
          Problem.of(
              ProblemType.SERVICE_UNAVAILABLE,
              "The invitation e-mail could not be sent, so no invitation was made. Retry later."));
    }
    InvitationItem invitation = invitations.store(created, AuditContext.of(request, user.userId()));
    events.publishCommitted(
        Event.of(
            "InvitationCreated",
            orgId,
            new InvitationCreated(
                invitation.getId(), orgId, invitation.getEmail(), role.value(), user.userId())));
    return HttpResponse.<InvitationResponse>status(HttpStatus.CREATED)
        .body(InvitationResponse.of(invitation));
  }

  /**
   * The signed-in invitee accepts: their token's e-mail must be verified and the invited one. An
   * unknown token is 404; a used one 409; an expired one 410.
   */
  @Post("/invitations/{token}/accept")
  public HttpResponse<MeController.MyOrganization> accept(
      HttpRequest<?> request, SignedInUser user, @PathVariable String token) {
    AuditContext context = AuditContext.of(request, user.userId());
    MembershipItem member =
        Conflicts.retry(
            () -> {
              InvitationItem invitation =
                  invitations.find(token).orElseThrow(NotFoundException::new);
              Lineage lineage =
                  directory
                      .lineage(invitation.getOrgId(), null)
                      .filter(Lineage::effectivelyActive)
                      .orElseThrow(NotFoundException::new);
              if (!user.emailVerified()
                  || user.email() == null
                  || !user.email().toLowerCase(Locale.ROOT).equals(invitation.getEmail())) {
                throw new ProblemException(
                    Problem.of(
                            ProblemType.FORBIDDEN,
                            "Sign in with the invited e-mail address, verified, to accept this"
                                + " invitation.")
                        .with("reason", "email_mismatch"));
              }
              organizations.profile(user.userId(), user.email(), true);
              return pools.reserving(
                  pools.of(lineage),
                  Limit.MAX_USERS,
                  1,
                  () -> invitations.accept(invitation, user.userId(), context));
            });
    Membership membership = member.toMembership().orElseThrow();
    events.publishCommitted(
        Event.of(
            "MemberAdded",
            membership.orgId(),
            new MembersController.MemberChanged(
                membership.orgId(),
                membership.userId(),
                membership.role().value(),
                membership.grants().stream().map(Permission::value).sorted().toList(),
                user.userId())));
    List<String> permissions =
        authorizer.permissions(user.caller(), membership.orgId()).stream()
            .map(Permission::value)
            .sorted()
            .toList();
    return HttpResponse.<MeController.MyOrganization>status(HttpStatus.CREATED)
        .body(
            new MeController.MyOrganization(
                OrganizationResponse.of(organizations.get(membership.orgId()).orElseThrow()),
                membership.role().value(),
                permissions));
  }

  /** The {@code data} of {@code InvitationCreated} (version 1): never the token. */
  @Serdeable
  public record InvitationCreated(
      String id, String organizationId, String email, String role, String actor) {}
}
