package dev.topgun.shared.tenancy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of who may do what where, as a pure function of what the table holds: no I/O. {@link
 * Authorizer} reads the facts and calls this; tests call it directly.
 *
 * <p>For a user on a target organization:
 *
 * <ul>
 *   <li>a membership on the target gives its role's permissions plus its grants;
 *   <li>an owner or admin membership on an ancestor of the target gives that role's permissions on
 *       the target (admin rights, and an owner's own rights for an owner: the operator, owner of
 *       the root, can do everywhere what an owner can); grants do not travel down;
 *   <li>a member or viewer membership on an ancestor gives nothing below it: they see the
 *       organization they belong to, not its customers;
 *   <li>nothing flows upward (a child's admin has no rights on the parent) or sideways (nor on a
 *       sibling);
 *   <li>no relationship at all is {@link Decision#NOT_FOUND}; a relationship without the permission
 *       is {@link Decision#FORBIDDEN}.
 * </ul>
 *
 * <p>An API key acts on its own organization and its descendants with exactly its scopes.
 */
public final class Authorization {

  private Authorization() {}

  /**
   * @param callerMemberships the caller's memberships (all of them, or at least those on the target
   *     and its ancestors); ignored for an API key
   * @param targetAncestorIds the target's ancestors, nearest first, without the target itself
   */
  public static Decision decide(
      Caller caller,
      String targetOrgId,
      Permission permission,
      List<Membership> callerMemberships,
      List<String> targetAncestorIds) {
    Objects.requireNonNull(permission, "permission");
    return permissions(caller, targetOrgId, callerMemberships, targetAncestorIds)
        .map(held -> held.contains(permission) ? Decision.ALLOW : Decision.FORBIDDEN)
        .orElse(Decision.NOT_FOUND);
  }

  /**
   * The caller's effective permissions on the target, or empty when the caller has no relationship
   * to it (the target must then answer 404). An empty set means visible but nothing allowed, which
   * no role gives today.
   */
  public static Optional<Set<Permission>> permissions(
      Caller caller,
      String targetOrgId,
      List<Membership> callerMemberships,
      List<String> targetAncestorIds) {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(targetOrgId, "targetOrgId");
    Objects.requireNonNull(targetAncestorIds, "targetAncestorIds");
    if (caller instanceof Caller.ApiKey key) {
      boolean inReach = key.orgId().equals(targetOrgId) || targetAncestorIds.contains(key.orgId());
      return inReach ? Optional.of(key.scopes()) : Optional.empty();
    }
    String userId = ((Caller.User) caller).userId();
    EnumSet<Permission> held = EnumSet.noneOf(Permission.class);
    boolean related = false;
    for (Membership membership : Objects.requireNonNull(callerMemberships, "callerMemberships")) {
      if (!membership.userId().equals(userId)) {
        continue; // another user's membership must never count for this caller
      }
      if (membership.orgId().equals(targetOrgId)) {
        related = true;
        held.addAll(membership.permissions());
      } else if (membership.role().reachesDescendants()
          && targetAncestorIds.contains(membership.orgId())) {
        related = true;
        held.addAll(membership.role().permissions());
      }
    }
    return related ? Optional.of(Collections.unmodifiableSet(held)) : Optional.empty();
  }
}
