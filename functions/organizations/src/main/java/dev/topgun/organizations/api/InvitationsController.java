package dev.topgun.organizations.api;

import dev.topgun.organizations.domain.InvitationService;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;

/**
 * Invitations: an admin invites an e-mail address with a role; the invitee, signed in with that
 * address verified, accepts with the token from the e-mail ({@link InvitationService}).
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InvitationsController {

  private final InvitationService invitations;
  private final AccessChecks access;

  InvitationsController(InvitationService invitations, AccessChecks access) {
    this.invitations = invitations;
    this.access = access;
  }

  /**
   * {@code invitations:write} (and {@code owners:write} to invite an owner): mails the link, then
   * stores the invitation; if the mail server does not take the message nothing is stored (503).
   */
  @Post("/organizations/{orgId}/invitations")
  public HttpResponse<InvitationResponse> invite(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @Valid @Body MemberRequests.Invite body) {
    return HttpResponse.<InvitationResponse>status(HttpStatus.CREATED)
        .body(
            InvitationResponse.of(
                invitations.invite(
                    access.authorize(user.caller(), orgId, Permission.INVITATIONS_WRITE),
                    body.email(),
                    MemberRequests.role(body.role()),
                    body.permissions(),
                    audit)));
  }

  /**
   * The signed-in invitee accepts (the token is the capability): their e-mail must be verified and
   * the invited one. An unknown token is 404; a used one 409; an expired one 410.
   */
  @Post("/invitations/{token}/accept")
  public HttpResponse<MeController.MyOrganization> accept(
      SignedInUser user, AuditContext audit, @PathVariable String token) {
    InvitationService.Joined joined =
        invitations.accept(
            token,
            new InvitationService.Invitee(user.userId(), user.email(), user.emailVerified()),
            audit);
    return HttpResponse.<MeController.MyOrganization>status(HttpStatus.CREATED)
        .body(
            MeController.MyOrganization.of(
                joined.organization(),
                joined.member().role(),
                access
                    .permissions(user.caller(), joined.organization().id())
                    .orElseThrow(NotFoundException::new)));
  }
}
