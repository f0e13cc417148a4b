package dev.topgun.organizations.domain;

import dev.topgun.organizations.events.OrganizationEvents;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The rules of an organization's members: only users who have signed in once are added by id (the
 * others are invited); appointing, demoting or removing an owner takes {@code owners:write}; nobody
 * grants a permission they do not hold; the last owner stays; each membership draws one {@code
 * max_users} of its pool, given back when it is removed.
 */
public final class MemberService {

  private static final int MAX_USER_ID = 128;

  private final Members members;
  private final Profiles profiles;
  private final Pools pools;

  public MemberService(Members members, Profiles profiles, Pools pools) {
    this.members = members;
    this.profiles = profiles;
    this.pools = pools;
  }

  public Page<Member> list(String orgId, Paging paging) {
    return members.list(orgId, paging);
  }

  /**
   * Adds a user who has signed in once ({@link UnknownUserException} for anyone else).
   *
   * @param permissions the grants requested, as named (may be null)
   */
  public Member add(
      Access access, String userId, Role role, List<String> permissions, AuditContext audit) {
    Grants.requireOwnersWriteFor(role, access.permissions());
    Set<Permission> grants = Grants.parse(permissions, access.permissions());
    Profile profile = profiles.find(userId).orElseThrow(UnknownUserException::new);
    Member member =
        Member.of(access.organization().id(), profile.userId(), role, grants, profile.email());
    Change change =
        Change.by(audit).with(Facts.member(OrganizationEvents.MEMBER_ADDED, member, audit.actor()));
    return pools.reserving(
        access.branch(),
        Limit.MAX_USERS,
        1,
        crossed -> members.add(member, change.withCrossings(crossed)));
  }

  /**
   * Changes a member's role and/or grants ({@code null}: unchanged).
   *
   * @throws NotFoundException no such member
   */
  public Member change(
      Supplier<Access> access,
      String userId,
      Role role,
      List<String> permissions,
      AuditContext audit) {
    return Conflicts.retry(
        () -> {
          Access granted = access.get();
          Member current = member(granted, userId);
          Role newRole = role == null ? current.role() : role;
          if (newRole != current.role()) {
            Grants.requireOwnersWriteFor(current.role(), granted.permissions());
            Grants.requireOwnersWriteFor(newRole, granted.permissions());
          }
          Set<Permission> grants =
              permissions == null
                  ? current.grants()
                  : Grants.parse(permissions, granted.permissions());
          Member next = current.changed(newRole, grants);
          return members.change(
              current,
              next,
              Change.by(audit)
                  .with(Facts.member(OrganizationEvents.MEMBER_UPDATED, next, audit.actor())));
        });
  }

  /**
   * Removes a member and gives its {@code max_users} slot back.
   *
   * @throws NotFoundException no such member
   */
  public Member remove(Supplier<Access> access, String userId, AuditContext audit) {
    return Conflicts.retry(
        () -> {
          Access granted = access.get();
          Member current = member(granted, userId);
          Grants.requireOwnersWriteFor(current.role(), granted.permissions());
          members.remove(
              current,
              Change.by(audit)
                  .with(Facts.member(OrganizationEvents.MEMBER_REMOVED, current, audit.actor())));
          pools.release(granted.branch(), Limit.MAX_USERS, 1);
          return current;
        });
  }

  /** A path's user id reaches here unchecked: anything that could not be one is not found. */
  private Member member(Access access, String userId) {
    if (userId == null
        || userId.isBlank()
        || userId.length() > MAX_USER_ID
        || userId.contains("#")) {
      throw new NotFoundException();
    }
    return members.find(access.organization().id(), userId).orElseThrow(NotFoundException::new);
  }
}
