package dev.topgun.shared.tenancy;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one check point of authorization: every endpoint that touches an organization's data calls
 * {@link #authorize} with the permission it declares, before reading or writing anything of it.
 *
 * <p>It reads the facts from the table ({@link TenancyDirectory}) and applies the rules ({@link
 * Authorization}): a deactivated or unknown organization and an organization the caller has no
 * relationship to are all {@link NotFoundException} (404), alike; a visible organization without
 * the permission is {@link ForbiddenException} (403).
 */
@Singleton
public class Authorizer {

  private final TenancyDirectory directory;

  public Authorizer(TenancyDirectory directory) {
    this.directory = directory;
  }

  /**
   * Returns when {@code caller} holds {@code permission} on the active organization {@code orgId}.
   *
   * @throws NotFoundException (404) the organization does not exist, is deactivated, or the caller
   *     has no relationship to it
   * @throws ForbiddenException (403) the caller sees the organization but lacks the permission
   */
  public void authorize(Caller caller, String orgId, Permission permission) {
    check(caller, orgId, permission, true);
  }

  /**
   * As {@link #authorize}, for the few endpoints that act on a deactivated organization (restore,
   * reading a deleted organization within its grace period).
   */
  public void authorizeIncludingInactive(Caller caller, String orgId, Permission permission) {
    check(caller, orgId, permission, false);
  }

  /**
   * The caller's effective permissions on the active organization (for {@code GET
   * /me/organizations} and for answers that show what a caller may do).
   *
   * @throws NotFoundException as {@link #authorize}
   */
  public Set<Permission> permissions(Caller caller, String orgId) {
    if (!isOrgId(orgId) || !directory.isActive(orgId)) {
      throw new NotFoundException();
    }
    List<String> ancestors = directory.ancestors(orgId);
    return Authorization.permissions(
            caller, orgId, memberships(caller, orgId, ancestors), ancestors)
        .orElseThrow(NotFoundException::new);
  }

  private void check(Caller caller, String orgId, Permission permission, boolean activeOnly) {
    if (!isOrgId(orgId)) {
      throw new NotFoundException();
    }
    boolean present = activeOnly ? directory.isActive(orgId) : directory.exists(orgId);
    if (!present) {
      throw new NotFoundException();
    }
    List<String> ancestors = directory.ancestors(orgId);
    Decision decision =
        Authorization.decide(
            caller, orgId, permission, memberships(caller, orgId, ancestors), ancestors);
    switch (decision) {
      case ALLOW -> {}
      case FORBIDDEN -> throw new ForbiddenException(permission);
      case NOT_FOUND -> throw new NotFoundException();
    }
  }

  private List<Membership> memberships(Caller caller, String orgId, List<String> ancestors) {
    if (!(caller instanceof Caller.User user)) {
      return List.of();
    }
    List<String> orgIds = new ArrayList<>(ancestors.size() + 1);
    orgIds.add(orgId);
    orgIds.addAll(ancestors);
    return directory.memberships(user.userId(), orgIds);
  }

  /** Path parameters reach here unchecked: anything that could not be a key part is not found. */
  private static boolean isOrgId(String orgId) {
    return orgId != null
        && !orgId.isBlank()
        && orgId.length() <= 64
        && orgId.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '#');
  }
}
