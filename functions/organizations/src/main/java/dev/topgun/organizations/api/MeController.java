package dev.topgun.organizations.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.organizations.domain.MemberOf;
import dev.topgun.organizations.domain.Organization;
import dev.topgun.organizations.domain.Profile;
import dev.topgun.organizations.domain.ProfileService;
import dev.topgun.shared.http.ListResponse;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/me} and {@code GET /v1/me/organizations}: about the signed-in user only, so no
 * organization permission is declared (the user is the resource).
 */
@Controller("/v1/me")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MeController {

  private final ProfileService profiles;
  private final AccessChecks access;

  MeController(ProfileService profiles, AccessChecks access) {
    this.profiles = profiles;
    this.access = access;
  }

  @Get
  public MeResponse me(SignedInUser user) {
    Profile profile = profiles.me(user.userId(), user.email(), user.emailVerified());
    return new MeResponse(
        user.userId(), profile.email(), profile.emailVerified(), profile.createdAt());
  }

  /** Each organization with the caller's effective permissions there; deleted ones are left out. */
  @Get("/organizations")
  public ListResponse<MyOrganization> myOrganizations(SignedInUser user, Paging paging) {
    return Lists.of(
        profiles.memberships(
            user.userId(), paging, orgId -> access.permissions(user.caller(), orgId)),
        MyOrganization::of);
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record MeResponse(
      String id, @Nullable String email, boolean emailVerified, String createdAt) {}

  @Serdeable
  public record MyOrganization(
      OrganizationResponse organization, String role, List<String> permissions) {

    static MyOrganization of(MemberOf membership) {
      return of(membership.organization(), membership.role(), membership.permissions());
    }

    static MyOrganization of(Organization organization, Role role, Set<Permission> permissions) {
      return new MyOrganization(
          OrganizationResponse.of(organization),
          role.value(),
          permissions.stream().map(Permission::value).sorted().toList());
    }
  }
}
