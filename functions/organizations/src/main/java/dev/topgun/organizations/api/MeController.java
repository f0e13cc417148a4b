package dev.topgun.organizations.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.organizations.store.OrganizationStore;
import dev.topgun.organizations.store.ProfileItem;
import dev.topgun.shared.http.ListResponse;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.Membership;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/me} and {@code GET /v1/me/organizations}: about the signed-in user only, so no
 * organization permission is declared (the user is the resource).
 */
@Controller("/v1/me")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MeController {

  private final OrganizationStore organizations;
  private final Authorizer authorizer;

  public MeController(OrganizationStore organizations, Authorizer authorizer) {
    this.organizations = organizations;
    this.authorizer = authorizer;
  }

  @Get
  public MeResponse me(SignedInUser user) {
    ProfileItem profile = organizations.profile(user.userId(), user.email(), user.emailVerified());
    return new MeResponse(
        user.userId(),
        profile.getEmail(),
        Boolean.TRUE.equals(profile.getEmailVerified()),
        profile.getCreatedAt());
  }

  @Get("/organizations")
  public ListResponse<MyOrganization> myOrganizations(
      SignedInUser user,
      @QueryValue @Nullable @Min(1) @Max(100) Integer limit,
      @QueryValue @Nullable String cursor) {
    Page<MembershipItem> page =
        organizations.memberships(user.userId(), limit == null ? 50 : limit, cursor);
    List<MyOrganization> items = new ArrayList<>();
    for (MembershipItem item : page.items()) {
      Optional<Membership> membership = item.toMembership();
      if (membership.isEmpty()) {
        continue;
      }
      String orgId = membership.get().orgId();
      try {
        List<String> permissions =
            authorizer.permissions(user.caller(), orgId).stream()
                .map(Permission::value)
                .sorted()
                .toList();
        organizations
            .get(orgId)
            .ifPresent(
                org ->
                    items.add(
                        new MyOrganization(
                            OrganizationResponse.of(org),
                            membership.get().role().value(),
                            permissions)));
      } catch (NotFoundException deactivated) {
        // a deactivated organization is not listed
      }
    }
    return new ListResponse<>(items, page.nextCursor());
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record MeResponse(
      String id, @Nullable String email, boolean emailVerified, String createdAt) {}

  @Serdeable
  public record MyOrganization(
      OrganizationResponse organization, String role, List<String> permissions) {}
}
