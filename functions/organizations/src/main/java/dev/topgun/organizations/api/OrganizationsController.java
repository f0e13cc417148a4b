package dev.topgun.organizations.api;

import dev.topgun.organizations.domain.HierarchyType;
import dev.topgun.organizations.domain.NewOrganization;
import dev.topgun.organizations.domain.Organization;
import dev.topgun.organizations.store.OrganizationStore;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.events.EventPublisher;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
 * The organization tree. Each endpoint declares one permission and calls {@link Authorizer} once,
 * before it reads anything of the organization.
 */
@Controller("/v1/organizations/{orgId}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrganizationsController {

  private static final int DEFAULT_LIMIT = 50;

  private final OrganizationStore organizations;
  private final Authorizer authorizer;
  private final EventPublisher events;

  public OrganizationsController(
      OrganizationStore organizations, Authorizer authorizer, EventPublisher events) {
    this.organizations = organizations;
    this.authorizer = authorizer;
    this.events = events;
  }

  /** {@code organizations:read}. */
  @Get
  public OrganizationResponse get(SignedInUser user, @PathVariable String orgId) {
    authorizer.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_READ);
    return OrganizationResponse.of(organizations.get(orgId).orElseThrow(NotFoundException::new));
  }

  /** {@code organizations:write} on the parent. */
  @Post("/children")
  public HttpResponse<OrganizationResponse> createChild(
      SignedInUser user, @PathVariable String orgId, @Valid @Body CreateChildRequest request) {
    authorizer.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_WRITE);
    Organization parent = organizations.get(orgId).orElseThrow(NotFoundException::new);
    NewOrganization child =
        new NewOrganization(
                request.name().strip(),
                request.slug(),
                HierarchyType.from(request.hierarchyType()).orElseThrow())
            .under(parent);
    Organization created = organizations.createChild(parent, child);
    events.publish(
        Event.of(
            "OrganizationCreated",
            created.id(),
            new OrganizationCreated(
                created.id(),
                created.name(),
                created.slug(),
                created.hierarchyType(),
                created.parentId(),
                user.caller().id())));
    return HttpResponse.<OrganizationResponse>status(HttpStatus.CREATED)
        .body(OrganizationResponse.of(created));
  }

  /** {@code organizations:read}: the direct children (one Query). */
  @Get("/children")
  public ListResponse<OrganizationResponse> children(
      SignedInUser user,
      @PathVariable String orgId,
      @QueryValue @Nullable @Min(1) @Max(100) Integer limit,
      @QueryValue @Nullable String cursor) {
    authorizer.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_READ);
    return list(organizations.children(orgId, limitOf(limit), cursor));
  }

  /** {@code organizations:read}: every descendant (one Query). */
  @Get("/descendants")
  public ListResponse<OrganizationResponse> descendants(
      SignedInUser user,
      @PathVariable String orgId,
      @QueryValue @Nullable @Min(1) @Max(100) Integer limit,
      @QueryValue @Nullable String cursor) {
    authorizer.authorize(user.caller(), orgId, Permission.ORGANIZATIONS_READ);
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

  private static int limitOf(Integer limit) {
    return limit == null ? DEFAULT_LIMIT : limit;
  }

  private static ListResponse<OrganizationResponse> list(Page<Organization> page) {
    return new ListResponse<>(
        page.items().stream().map(OrganizationResponse::of).toList(), page.nextCursor());
  }

  /** The {@code data} of {@code OrganizationCreated} (version 1). */
  @Serdeable
  public record OrganizationCreated(
      String id,
      String name,
      String slug,
      String hierarchyType,
      String parentId,
      String createdBy) {}
}
