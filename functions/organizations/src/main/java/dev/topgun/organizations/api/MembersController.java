package dev.topgun.organizations.api;

import dev.topgun.organizations.store.MemberStore;
import dev.topgun.organizations.store.OrganizationStore;
import dev.topgun.organizations.store.ProfileItem;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.events.EventPublisher;
import dev.topgun.shared.http.ListResponse;
import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ProblemType;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.Authorizer.Authorized;
import dev.topgun.shared.tenancy.Membership;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An organization's members. Appointing, demoting or removing an owner takes {@code owners:write}
 * on top of {@code members:write}; the last owner stays (409 {@code last_owner}); nobody grants a
 * permission they do not hold.
 */
@Controller("/v1/organizations/{orgId}/members")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MembersController {

  private final MemberStore members;
  private final OrganizationStore organizations;
  private final Authorizer authorizer;
  private final EventPublisher events;
  private final Pools pools;

  MembersController(
      MemberStore members,
      OrganizationStore organizations,
      Authorizer authorizer,
      EventPublisher events,
      Pools pools) {
    this.members = members;
    this.organizations = organizations;
    this.authorizer = authorizer;
    this.events = events;
    this.pools = pools;
  }

  /** {@code members:read}. */
  @Get
  public ListResponse<MemberResponse> list(
      SignedInUser user,
      @PathVariable String orgId,
      @QueryValue @Nullable @Min(1) @Max(100) Integer limit,
      @QueryValue @Nullable String cursor) {
    authorizer.authorize(user.caller(), orgId, Permission.MEMBERS_READ);
    Page<MembershipItem> page = members.list(orgId, limit == null ? 50 : limit, cursor);
    List<MemberResponse> items = new ArrayList<>();
    for (MembershipItem item : page.items()) {
      item.toMembership().map(MemberResponse::of).ifPresent(items::add);
    }
    return new ListResponse<>(items, page.nextCursor());
  }

  /** {@code members:write}: adds a user who has signed in at least once (their profile exists). */
  @Post
  public HttpResponse<MemberResponse> add(
      HttpRequest<?> request,
      SignedInUser user,
      @PathVariable String orgId,
      @Valid @Body MemberRequests.AddMember body) {
    Authorized granted = authorizer.authorize(user.caller(), orgId, Permission.MEMBERS_WRITE);
    Role role = Grants.role(body.role());
    if (role == Role.OWNER) {
      Grants.requireOwnersWrite(granted.permissions());
    }
    Set<Permission> grants = Grants.parse(body.permissions(), granted.permissions());
    ProfileItem profile =
        organizations
            .findProfile(body.userId())
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.of(
                                ProblemType.VALIDATION,
                                "No user with this id has signed in yet: invite them instead.")
                            .withErrors(List.of(new FieldError("userId", "is not a known user")))));
    MembershipItem added =
        pools.reserving(
            pools.of(granted.lineage()),
            Limit.MAX_USERS,
            1,
            () ->
                members.add(
                    new Membership(orgId, profile.getUserId(), role, grants, profile.getEmail()),
                    AuditContext.of(request, user.userId())));
    Membership membership = added.toMembership().orElseThrow();
    publish("MemberAdded", membership, user);
    return HttpResponse.<MemberResponse>status(HttpStatus.CREATED)
        .body(MemberResponse.of(membership));
  }

  /** {@code members:write} (and {@code owners:write} to or from owner). */
  @Patch("/{userId}")
  public MemberResponse update(
      HttpRequest<?> request,
      SignedInUser user,
      @PathVariable String orgId,
      @PathVariable String userId,
      @Valid @Body MemberRequests.UpdateMember body) {
    body.requireAnyField();
    AuditContext context = AuditContext.of(request, user.userId());
    MembershipItem changed =
        Conflicts.retry(
            () -> {
              Authorized granted =
                  authorizer.authorize(user.caller(), orgId, Permission.MEMBERS_WRITE);
              MembershipItem current = member(orgId, userId);
              Membership before = current.toMembership().orElseThrow(NotFoundException::new);
              Role role = body.role() == null ? before.role() : Grants.role(body.role());
              if (before.role() != role && (role == Role.OWNER || before.role() == Role.OWNER)) {
                Grants.requireOwnersWrite(granted.permissions());
              }
              Set<Permission> grants =
                  body.permissions() == null
                      ? before.grants()
                      : Grants.parse(body.permissions(), granted.permissions());
              return members.change(current, role, grants, context);
            });
    Membership membership = changed.toMembership().orElseThrow();
    publish("MemberUpdated", membership, user);
    return MemberResponse.of(membership);
  }

  /** {@code members:write} (and {@code owners:write} for an owner). */
  @Delete("/{userId}")
  public HttpResponse<Void> remove(
      HttpRequest<?> request,
      SignedInUser user,
      @PathVariable String orgId,
      @PathVariable String userId) {
    AuditContext context = AuditContext.of(request, user.userId());
    Membership removed =
        Conflicts.retry(
            () -> {
              Authorized granted =
                  authorizer.authorize(user.caller(), orgId, Permission.MEMBERS_WRITE);
              MembershipItem current = member(orgId, userId);
              Membership membership = current.toMembership().orElseThrow(NotFoundException::new);
              if (membership.role() == Role.OWNER) {
                Grants.requireOwnersWrite(granted.permissions());
              }
              members.remove(current, context);
              pools.release(pools.of(granted.lineage()), Limit.MAX_USERS, 1);
              return membership;
            });
    publish("MemberRemoved", removed, user);
    return HttpResponse.status(HttpStatus.NO_CONTENT);
  }

  private MembershipItem member(String orgId, String userId) {
    if (userId == null || userId.isBlank() || userId.length() > 128 || userId.contains("#")) {
      throw new NotFoundException();
    }
    return members.find(orgId, userId).orElseThrow(NotFoundException::new);
  }

  private void publish(String type, Membership membership, SignedInUser user) {
    events.publishCommitted(
        Event.of(
            type,
            membership.orgId(),
            new MemberChanged(
                membership.orgId(),
                membership.userId(),
                membership.role().value(),
                membership.grants().stream().map(Permission::value).sorted().toList(),
                user.userId())));
  }

  /** The {@code data} of {@code MemberAdded}, {@code MemberUpdated}, {@code MemberRemoved} (v1). */
  @Serdeable
  public record MemberChanged(
      String organizationId, String userId, String role, List<String> permissions, String actor) {}
}
