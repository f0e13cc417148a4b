package dev.topgun.organizations.api;

import dev.topgun.organizations.domain.Access;
import dev.topgun.organizations.domain.MoveChecks;
import dev.topgun.organizations.store.OrganizationMapper;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.Caller;
import dev.topgun.shared.tenancy.ForbiddenException;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;

/**
 * The controllers' calls to the one check point, {@link Authorizer}: each endpoint names the
 * permission it declares, and what the check read comes back as the domain's {@link Access}, so a
 * service decides on it without reading the tree again. Nothing here decides anything.
 */
@Singleton
class AccessChecks {

  private final Authorizer authorizer;

  AccessChecks(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  Access authorize(Caller caller, String orgId, Permission permission) {
    return OrganizationMapper.access(authorizer.authorize(caller, orgId, permission));
  }

  /** For restoring a deleted organization. */
  Access authorizeIncludingInactive(Caller caller, String orgId, Permission permission) {
    return OrganizationMapper.access(
        authorizer.authorizeIncludingInactive(caller, orgId, permission));
  }

  /** The caller's effective permissions, or empty where the organization is not visible. */
  Optional<Set<Permission>> permissions(Caller caller, String orgId) {
    try {
      return Optional.of(authorizer.permissions(caller, orgId));
    } catch (NotFoundException deactivated) {
      return Optional.empty();
    }
  }

  /**
   * A move's checks: {@code organizations:read} on the organization, {@code organizations:write} on
   * its current parent (403 even where the caller cannot see that parent, since they see the
   * organization) and on the new parent (404 where they cannot see it).
   */
  MoveChecks move(Caller caller, String orgId, String newParentId) {
    return new MoveChecks() {
      @Override
      public Access organization() {
        return authorize(caller, orgId, Permission.ORGANIZATIONS_READ);
      }

      @Override
      public void mayTakeFrom(String parentId) {
        try {
          authorizer.authorize(caller, parentId, Permission.ORGANIZATIONS_WRITE);
        } catch (NotFoundException notVisible) {
          throw new ForbiddenException(Permission.ORGANIZATIONS_WRITE);
        }
      }

      @Override
      public Access destination() {
        return authorize(caller, newParentId, Permission.ORGANIZATIONS_WRITE);
      }
    };
  }
}
