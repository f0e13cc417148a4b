package dev.topgun.organizations.api;

import dev.topgun.organizations.domain.MemberService;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.http.ListResponse;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;

/**
 * An organization's members ({@code members:read}, {@code members:write}); the rules — owners,
 * grants, the last owner, the pool — are {@link MemberService}'s.
 */
@Controller("/v1/organizations/{orgId}/members")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MembersController {

  private final MemberService members;
  private final AccessChecks access;

  MembersController(MemberService members, AccessChecks access) {
    this.members = members;
    this.access = access;
  }

  /** {@code members:read}. */
  @Get
  public ListResponse<MemberResponse> list(
      SignedInUser user, @PathVariable String orgId, Paging paging) {
    access.authorize(user.caller(), orgId, Permission.MEMBERS_READ);
    return Lists.of(members.list(orgId, paging), MemberResponse::of);
  }

  /** {@code members:write}: adds a user who has signed in at least once (their profile exists). */
  @Post
  public HttpResponse<MemberResponse> add(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @Valid @Body MemberRequests.AddMember body) {
    return HttpResponse.<MemberResponse>status(HttpStatus.CREATED)
        .body(
            MemberResponse.of(
                members.add(
                    access.authorize(user.caller(), orgId, Permission.MEMBERS_WRITE),
                    body.userId(),
                    MemberRequests.role(body.role()),
                    body.permissions(),
                    audit)));
  }

  /** {@code members:write} (and {@code owners:write} to or from owner). */
  @Patch("/{userId}")
  public MemberResponse update(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @PathVariable String userId,
      @Valid @Body MemberRequests.UpdateMember body) {
    body.requireAnyField();
    return MemberResponse.of(
        members.change(
            () -> access.authorize(user.caller(), orgId, Permission.MEMBERS_WRITE),
            userId,
            MemberRequests.role(body.role()),
            body.permissions(),
            audit));
  }

  /** {@code members:write} (and {@code owners:write} for an owner). */
  @Delete("/{userId}")
  public HttpResponse<Void> remove(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @PathVariable String userId) {
    members.remove(
        () -> access.authorize(user.caller(), orgId, Permission.MEMBERS_WRITE), userId, audit);
    return HttpResponse.status(HttpStatus.NO_CONTENT);
  }
}
