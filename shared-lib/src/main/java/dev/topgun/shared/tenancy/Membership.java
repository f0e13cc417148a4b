package dev.topgun.shared.tenancy;

import io.micronaut.core.annotation.Nullable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A user's place in one organization: a role, and permissions granted on top of it.
 *
 * @param grants explicit permissions beyond the role's, on this organization only (they do not
 *     reach descendants); a grant that is not {@link Permission#grantable()} is ignored
 * @param email the address the member is known by in this organization, when recorded
 */
public record Membership(
    String orgId, String userId, Role role, Set<Permission> grants, @Nullable String email) {

  public Membership {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
    grants =
        grants == null || grants.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(grants));
  }

  public Membership(String orgId, String userId, Role role) {
    this(orgId, userId, role, Set.of(), null);
  }

  /** What this membership allows on its own organization: the role's permissions and the grants. */
  public Set<Permission> permissions() {
    EnumSet<Permission> all = EnumSet.noneOf(Permission.class);
    all.addAll(role.permissions());
    for (Permission grant : grants) {
      if (grant.grantable()) {
        all.add(grant);
      }
    }
    return Collections.unmodifiableSet(all);
  }
}
