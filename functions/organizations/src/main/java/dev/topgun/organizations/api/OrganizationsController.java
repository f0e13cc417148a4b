package dev.topgun.organizations.api;

import dev.topgun.organizations.domain.OrganizationService;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.http.ListResponse;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.core.annotation.Nullable;
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
import jakarta.validation.Valid;

/**
 * The organization tree. Each endpoint declares one permission and authorizes at the one check
 * point before anything of the organization is read; a change passes its check to the service,
 * which runs it again if it must decide again (see {@link OrganizationService}).
 */
@Controller("/v1/organizations/{orgId}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrganizationsController {

  private final OrganizationService organizations;
  private final AccessChecks access;

  OrganizationsController(OrganizationService organizations, AccessChecks access) {
    this.organizations = organizations;
    this.access = access;
  }

  /** {@code organizations:read}. */
  @Get
  public OrganizationResponse get(SignedInUser user, @PathVariable String orgId) {
    return OrganizationResponse.of(
        access.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_READ).organization());
  }

  /** {@code organizations:write}: rename, change the slug. */
  @Patch
  public OrganizationResponse update(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @Valid @Body UpdateOrganizationRequest body) {
    body.requireAnyField();
    return OrganizationResponse.of(
        organizations.rename(
            () -> access.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_WRITE),
            body.name() == null ? null : body.name().strip(),
            body.slug(),
            audit));
  }

  /** {@code organizations:write} on the parent. */
  @Post("/children")
  public HttpResponse<OrganizationResponse> createChild(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @Valid @Body CreateChildRequest body) {
    return HttpResponse.<OrganizationResponse>status(HttpStatus.CREATED)
        .body(
            OrganizationResponse.of(
                organizations.createChild(
                    () -> access.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_WRITE),
                    body.toNewOrganization(),
                    audit)));
  }

  /**
   * {@code organizations:write} on the organization's current parent and on the new parent (404
   * when the new parent is not visible, 403 when the current parent is not the caller's to change).
   */
  @Post("/move")
  public OrganizationResponse move(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @Valid @Body MoveRequest body) {
    return OrganizationResponse.of(
        organizations
            .move(access.move(user.caller(), orgId, body.newParentId()), audit)
            .organization());
  }

  /**
   * {@code organizations:write}: soft delete. Refused (409) while an active child exists unless
   * {@code cascade=true}; the subtree then goes with it in the same single write.
   */
  @Delete
  public OrganizationResponse delete(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @QueryValue(defaultValue = "false") boolean cascade) {
    return OrganizationResponse.of(
        organizations.delete(
            () -> access.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_WRITE),
            cascade,
            audit));
  }

  /** {@code organizations:write} on the deleted organization: within 30 days of the delete. */
  @Post("/restore")
  public OrganizationResponse restore(
      SignedInUser user, AuditContext audit, @PathVariable String orgId) {
    return OrganizationResponse.of(
        organizations.restore(
            () ->
                access.authorizeIncludingInactive(
                    user.caller(), orgId, Permission.ORGANIZATIONS_WRITE),
            audit));
  }

  /** {@code organizations:read-tree}: the direct children (one Query). */
  @Get("/children")
  public ListResponse<OrganizationResponse> children(
      SignedInUser user, @PathVariable String orgId, Paging paging) {
    access.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_READ_TREE);
    return Lists.of(organizations.children(orgId, paging), OrganizationResponse::of);
  }

  /** {@code organizations:read-tree}: every descendant (one Query). */
  @Get("/descendants")
  public ListResponse<OrganizationResponse> descendants(
      SignedInUser user, @PathVariable String orgId, Paging paging) {
    access.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_READ_TREE);
    return Lists.of(organizations.descendants(orgId, paging), OrganizationResponse::of);
  }

  /** {@code organizations:read}: the ancestors, nearest first (one Query). */
  @Get("/ancestors")
  public ListResponse<OrganizationResponse> ancestors(
      SignedInUser user, @PathVariable String orgId, Paging paging) {
    access.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_READ);
    return Lists.of(organizations.ancestors(orgId, paging), OrganizationResponse::of);
  }

  /**
   * {@code audit:read}: the organization's audit entries, newest first; {@code from} and {@code to}
   * (ISO-8601 instants, inclusive) narrow them to a time range.
   */
  @Get("/audit")
  public ListResponse<AuditEntryResponse> audit(
      SignedInUser user,
      @PathVariable String orgId,
      Paging paging,
      @QueryValue @Nullable String from,
      @QueryValue @Nullable String to) {
    access.authorize(user.caller(), orgId, Permission.AUDIT_READ);
    AuditPeriod period = AuditPeriod.parse(from, to);
    return Lists.of(
        organizations.audit(orgId, period.from(), period.to(), paging), AuditEntryResponse::of);
  }
}
