package dev.topgun.organizations.domain;

import dev.topgun.shared.tenancy.ForbiddenException;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Roles and explicit grants a request hands out, checked against what the caller holds. */
final class Grants {

  private Grants() {}

  /**
   * The permissions named, each known and grantable ({@link InvalidGrantsException} naming the
   * others), and each held by the caller ({@link ForbiddenException}): nobody hands out more than
   * they have.
   */
  static Set<Permission> parse(List<String> values, Set<Permission> callerHolds) {
    EnumSet<Permission> grants = EnumSet.noneOf(Permission.class);
    if (values == null) {
      return grants;
    }
    List<Integer> invalid = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Optional<Permission> permission = Permission.from(values.get(i));
      if (permission.isEmpty() || !permission.get().grantable()) {
        invalid.add(i);
      } else {
        grants.add(permission.get());
      }
    }
    if (!invalid.isEmpty()) {
      throw new InvalidGrantsException(invalid);
    }
    for (Permission grant : grants) {
      if (!callerHolds.contains(grant)) {
        throw new ForbiddenException(grant);
      }
    }
    return grants;
  }

  /** Appointing, demoting or removing an owner takes {@code owners:write}. */
  static void requireOwnersWriteFor(Role role, Set<Permission> callerHolds) {
    if (role == Role.OWNER && !callerHolds.contains(Permission.OWNERS_WRITE)) {
      throw new ForbiddenException(Permission.OWNERS_WRITE);
    }
  }
}
