package dev.topgun.organizations.domain;

import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import java.util.Set;

/** An organization the signed-in user belongs to, their role there and what they may do there. */
public record MemberOf(Organization organization, Role role, Set<Permission> permissions) {

  public MemberOf {
    permissions = Set.copyOf(permissions);
  }
}
