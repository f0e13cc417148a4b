package dev.topgun.organizations.api;

import dev.topgun.organizations.domain.HierarchyType;
import dev.topgun.organizations.domain.NewOrganization;
import dev.topgun.organizations.domain.Organization;
import dev.topgun.organizations.domain.TreeRuleException;
import dev.topgun.organizations.store.OrganizationStore;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.events.EventPublisher;
import dev.topgun.shared.http.ListResponse;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.Authorizer.Authorized;
import dev.topgun.shared.tenancy.ForbiddenException;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.Permission;
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

/**
 * The organization tree. Each endpoint declares one permission and calls {@link Authorizer} once
 * per organization it touches, before it reads anything of it; every mutation writes its audit
 * entry in its own transaction and publishes its event after the commit.
 */
@Controller("/v1/organizations/{orgId}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrganizationsController {

  private static final int DEFAULT_LIMIT = 50;

  private final OrganizationStore organizations;
  private final Authorizer authorizer;
  private final EventPublisher events;
  private final AuditTrail audit;
  private final Pools pools;

  OrganizationsController(
      OrganizationStore organizations,
      Authorizer authorizer,
      EventPublisher events,
      AuditTrail audit,
      Pools pools) {
    this.organizations = organizations;
    this.authorizer = authorizer;
    this.events = events;
    this.audit = audit;
    this.pools = pools;
  }

  /** {@code organizations:read}. */
  @Get
  public OrganizationResponse get(SignedInUser user, @PathVariable String orgId) {
    Authorized granted = authorizer.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_READ);
    return OrganizationResponse.of(organization(granted.organization()));
  }

  /** {@code organizations:write}: rename, change the slug. */
  @Patch
  public OrganizationResponse update(
      HttpRequest<?> request,
      SignedInUser user,
      @PathVariable String orgId,
      @Valid @Body UpdateOrganizationRequest body) {
    body.requireAnyField();
    AuditContext context = AuditContext.of(request, user.userId());
    Organization updated =
        Conflicts.retry(
            () -> {
              Authorized granted =
                  authorizer.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_WRITE);
              return organizations.update(
                  granted.organization(),
                  body.name() == null ? null : body.name().strip(),
                  body.slug(),
                  context);
            });
    publish("OrganizationUpdated", updated, user);
    return OrganizationResponse.of(updated);
  }

  /** {@code organizations:write} on the parent. */
  @Post("/children")
  public HttpResponse<OrganizationResponse> createChild(
      HttpRequest<?> request,
      SignedInUser user,
      @PathVariable String orgId,
      @Valid @Body CreateChildRequest body) {
    AuditContext context = AuditContext.of(request, user.userId());
    Organization created =
        Conflicts.retry(
            () -> {
              Authorized granted =
                  authorizer.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_WRITE);
              NewOrganization child =
                  new NewOrganization(
                          body.name().strip(),
                          body.slug(),
                          HierarchyType.from(body.hierarchyType()).orElseThrow())
                      .under(organization(granted.organization()));
              return pools.reserving(
                  pools.of(granted.lineage()),
                  Limit.MAX_CHILD_ORGANIZATIONS,
                  1,
                  () -> organizations.createChild(granted.lineage(), child, context));
            });
    publish("OrganizationCreated", created, user);
    return HttpResponse.<OrganizationResponse>status(HttpStatus.CREATED)
        .body(OrganizationResponse.of(created));
  }

  /**
   * {@code organizations:write} on the organization's current parent and on the new parent (404
   * when the new parent is not visible, 403 when the current parent is not the caller's to change).
   */
  @Post("/move")
  public OrganizationResponse move(
      HttpRequest<?> request,
      SignedInUser user,
      @PathVariable String orgId,
      @Valid @Body MoveRequest body) {
    AuditContext context = AuditContext.of(request, user.userId());
    String[] from = new String[1];
    Organization moved =
        Conflicts.retry(
            () -> {
              Authorized target =
                  authorizer.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_READ);
              String oldParentId = target.organization().getParentId();
              if (oldParentId == null) {
                throw TreeRuleException.conflict(
                    TreeRuleException.ROOT, "The root organization does not move.");
              }
              try {
                authorizer.authorize(user.caller(), oldParentId, Permission.ORGANIZATIONS_WRITE);
              } catch (NotFoundException notVisible) {
                throw new ForbiddenException(Permission.ORGANIZATIONS_WRITE);
              }
              Authorized newParent =
                  authorizer.authorize(
                      user.caller(), body.newParentId(), Permission.ORGANIZATIONS_WRITE);
              from[0] = oldParentId;
              if (oldParentId.equals(newParent.lineage().orgId())) {
                return organization(target.organization());
              }
              HierarchyType type =
                  HierarchyType.from(target.organization().getHierarchyType()).orElseThrow();
              if (newParent.chainIds().contains(orgId)) {
                throw TreeRuleException.conflict(
                    TreeRuleException.MOVE_INTO_OWN_SUBTREE,
                    "An organization cannot move under itself or one of its own descendants.");
              }
              HierarchyType parentType =
                  HierarchyType.from(newParent.organization().getHierarchyType()).orElseThrow();
              if (!parentType.mayParent(type)) {
                throw TreeRuleException.conflict(
                    TreeRuleException.HIERARCHY,
                    "A "
                        + type.value()
                        + " organization cannot be under a "
                        + parentType.value()
                        + " one.");
              }
              return pools.moving(
                  target.lineage(),
                  newParent.lineage(),
                  () -> organizations.move(target.lineage(), newParent.lineage(), context));
            });
    if (!from[0].equals(moved.parentId())) {
      events.publishCommitted(
          Event.of(
              "OrganizationMoved",
              moved.id(),
              new OrganizationMoved(moved.id(), from[0], moved.parentId(), user.userId())));
    }
    return OrganizationResponse.of(moved);
  }

  /**
   * {@code organizations:write}: soft delete. Refused (409) while an active child exists unless
   * {@code cascade=true}; the subtree then goes with it in the same single write.
   */
  @Delete
  public OrganizationResponse delete(
      HttpRequest<?> request,
      SignedInUser user,
      @PathVariable String orgId,
      @QueryValue(defaultValue = "false") boolean cascade) {
    AuditContext context = AuditContext.of(request, user.userId());
    Organization deleted =
        Conflicts.retry(
            () -> {
              Authorized granted =
                  authorizer.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_WRITE);
              return organizations.deactivate(granted.organization(), cascade, context);
            });
    publish("OrganizationDeleted", deleted, user);
    return OrganizationResponse.of(deleted);
  }

  /** {@code organizations:write} on the deleted organization: within 30 days of the delete. */
  @Post("/restore")
  public OrganizationResponse restore(
      HttpRequest<?> request, SignedInUser user, @PathVariable String orgId) {
    AuditContext context = AuditContext.of(request, user.userId());
    Organization restored =
        Conflicts.retry(
            () -> {
              Authorized granted =
                  authorizer.authorizeIncludingInactive(
                      user.caller(), orgId, Permission.ORGANIZATIONS_WRITE);
              return organizations.restore(granted.lineage(), context);
            });
    publish("OrganizationRestored", restored, user);
    return OrganizationResponse.of(restored);
  }

  /** {@code organizations:read-tree}: the direct children (one Query). */
  @Get("/children")
  public ListResponse<OrganizationResponse> children(
      SignedInUser user,
      @PathVariable String orgId,
      @QueryValue @Nullable @Min(1) @Max(100) Integer limit,
      @QueryValue @Nullable String cursor) {
    authorizer.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_READ_TREE);
    return list(organizations.children(orgId, limitOf(limit), cursor));
  }

  /** {@code organizations:read-tree}: every descendant (one Query). */
  @Get("/descendants")
  public ListResponse<OrganizationResponse> descendants(
      SignedInUser user,
      @PathVariable String orgId,
      @QueryValue @Nullable @Min(1) @Max(100) Integer limit,
      @QueryValue @Nullable String cursor) {
    authorizer.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_READ_TREE);
    return list(organizations.descendants(orgId, limitOf(limit), cursor));
  }

  /** {@code organizations:read}: the ancestors, nearest first (one Query). */
  @Get("/ancestors")
  public ListResponse<OrganizationResponse> ancestors(
      SignedInUser user,
      @PathVariable String orgId,
      @QueryValue @Nullable @Min(1) @Max(100) Integer limit,
      @QueryValue @Nullable String cursor) {
    authorizer.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_READ);
    return list(organizations.ancestors(orgId, limitOf(limit), cursor));
  }

  /** {@code audit:read}: the organization's audit entries, newest first. */
  @Get("/audit")
  public ListResponse<AuditEntryResponse> audit(
      SignedInUser user,
      @PathVariable String orgId,
      @QueryValue @Nullable @Min(1) @Max(100) Integer limit,
      @QueryValue @Nullable String cursor) {
    authorizer.authorize(user.caller(), orgId, Permission.AUDIT_READ);
    var page = audit.list(orgId, limitOf(limit), cursor);
    return new ListResponse<>(
        page.items().stream().map(AuditEntryResponse::of).toList(), page.nextCursor());
  }

  private void publish(String type, Organization organization, SignedInUser user) {
    events.publishCommitted(
        Event.of(
            type,
            organization.id(),
            new OrganizationChanged(
                organization.id(),
                organization.name(),
                organization.slug(),
                organization.hierarchyType(),
                organization.parentId(),
                organization.status(),
                user.userId())));
  }

  private static Organization organization(OrganizationItem item) {
    return OrganizationStore.toOrganization(item);
  }

  private static int limitOf(Integer limit) {
    return limit == null ? DEFAULT_LIMIT : limit;
  }

  private static ListResponse<OrganizationResponse> list(Page<Organization> page) {
    return new ListResponse<>(
        page.items().stream().map(OrganizationResponse::of).toList(), page.nextCursor());
  }

  /**
   * The {@code data} of {@code OrganizationCreated}, {@code OrganizationUpdated}, {@code
   * OrganizationDeleted} and {@code OrganizationRestored} (version 1): the organization after the
   * change and who made it.
   */
  @Serdeable
  public record OrganizationChanged(
      String id,
      String name,
      String slug,
      String hierarchyType,
      @Nullable String parentId,
      String status,
      String actor) {}

  /** The {@code data} of {@code OrganizationMoved} (version 1). */
  @Serdeable
  public record OrganizationMoved(
      String id, String fromParentId, String toParentId, String actor) {}
}
