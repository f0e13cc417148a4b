package dev.topgun.organizations.domain;

import dev.topgun.shared.store.Revision;
import dev.topgun.shared.tenancy.Membership;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import java.util.Set;

/**
 * A user's membership of an organization as organizations manages it: the role, the explicit
 * grants, and the stored revision it was read at.
 */
public record Member(Membership membership, Revision revision) {

  /** A new membership, not stored yet. */
  public static Member of(
      String orgId, String userId, Role role, Set<Permission> grants, String email) {
    return new Member(new Membership(orgId, userId, role, grants, email), Revision.NEW);
  }

  public String orgId() {
    return membership.orgId();
  }

  public String userId() {
    return membership.userId();
  }

  public Role role() {
    return membership.role();
  }

  public Set<Permission> grants() {
    return membership.grants();
  }

  public String email() {
    return membership.email();
  }

  public boolean isOwner() {
    return role() == Role.OWNER;
  }

  /** With another role and grants, at the same version. */
  public Member changed(Role newRole, Set<Permission> newGrants) {
    return new Member(new Membership(orgId(), userId(), newRole, newGrants, email()), revision);
  }
}
