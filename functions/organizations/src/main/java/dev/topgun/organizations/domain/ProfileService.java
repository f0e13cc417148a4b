package dev.topgun.organizations.domain;

import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.tenancy.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The signed-in user: their profile, and the organizations they belong to. */
public final class ProfileService {

  private final Profiles profiles;
  private final Organizations organizations;

  public ProfileService(Profiles profiles, Organizations organizations) {
    this.profiles = profiles;
    this.organizations = organizations;
  }

  /** The user's profile, created on their first call. */
  public Profile me(String userId, String email, boolean emailVerified) {
    return profiles.ensure(userId, email, emailVerified);
  }

  /**
   * One page of the user's memberships, each with what they may do there.
   *
   * @param permissions the user's effective permissions on an organization (the one check point),
   *     empty where it is deleted (itself or through an ancestor): those are not listed
   */
  public Page<MemberOf> memberships(
      String userId, Paging paging, Function<String, Optional<Set<Permission>>> permissions) {
    Page<Member> page = profiles.memberships(userId, paging);
    List<MemberOf> items = new ArrayList<>();
    for (Member member : page.items()) {
      permissions
          .apply(member.orgId())
          .ifPresent(
              held ->
                  organizations
                      .find(member.orgId())
                      .ifPresent(org -> items.add(new MemberOf(org, member.role(), held))));
    }
    return new Page<>(items, page.nextCursor());
  }
}
