package dev.topgun.organizations.api;

import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ProblemType;
import dev.topgun.shared.tenancy.ForbiddenException;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Roles and explicit grants as a request names them, checked against what the caller holds. */
final class Grants {

  private Grants() {}

  /**
   * The permissions named, each known and grantable (else 400 naming {@code permissions[i]}), and
   * each held by the caller (else 403): nobody hands out more than they have.
   */
  static Set<Permission> parse(List<String> values, Set<Permission> callerHolds) {
    EnumSet<Permission> grants = EnumSet.noneOf(Permission.class);
    if (values == null) {
      return grants;
    }
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Optional<Permission> permission = Permission.from(values.get(i));
      if (permission.isEmpty() || !permission.get().grantable()) {
        errors.add(new FieldError("permissions[" + i + "]", "is not a grantable permission"));
      } else {
        grants.add(permission.get());
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of(ProblemType.VALIDATION, errors.size() + " field(s) are not valid.")
              .withErrors(errors));
    }
    for (Permission grant : grants) {
      if (!callerHolds.contains(grant)) {
        throw new ForbiddenException(grant);
      }
    }
    return grants;
  }

  /** The role named (validated by the request's pattern already). */
  static Role role(String value) {
    return Role.from(value).orElseThrow();
  }

  /** Appointing or touching an owner takes {@code owners:write}. */
  static void requireOwnersWrite(Set<Permission> callerHolds) {
    if (!callerHolds.contains(Permission.OWNERS_WRITE)) {
      throw new ForbiddenException(Permission.OWNERS_WRITE);
    }
  }
}
