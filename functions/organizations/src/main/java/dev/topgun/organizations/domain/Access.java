package dev.topgun.organizations.domain;

import dev.topgun.shared.tenancy.Permission;
import java.util.Set;

/**
 * What the one check point (shared-lib's {@code Authorizer}) read and decided for a request: the
 * organization with its ancestors, and the caller's effective permissions on it. A service decides
 * on what authorization read, so a request reads the tree once.
 */
public record Access(Branch branch, Set<Permission> permissions) {

  public Access {
    permissions = Set.copyOf(permissions);
  }

  public Organization organization() {
    return branch.organization();
  }
}
