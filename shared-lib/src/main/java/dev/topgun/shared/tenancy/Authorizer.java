package dev.topgun.shared.tenancy;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one check point of authorization: every endpoint that touches an organization's data calls
 * {@link #authorize} with the permission it declares, before reading or writing anything of it.
 *
 * <p>It reads the facts from the table ({@link TenancyDirectory#lineage}: one Query and one
 * BatchGetItem) and applies the rules ({@link Authorization}): an unknown organization, one that is
 * deactivated (itself or through an ancestor) and one the caller has no relationship to are all
 * {@link NotFoundException} (404), alike; a visible organization without the permission is {@link
 * ForbiddenException} (403).
 */
@Singleton
public class Authorizer {

  private final TenancyDirectory directory;

  public Authorizer(TenancyDirectory directory) {
    this.directory = directory;
  }

  /**
   * Returns what was read when {@code caller} holds {@code permission} on the effectively active
   * organization {@code orgId}.
   *
   * @throws NotFoundException (404) the organization does not exist, is deactivated, or the caller
   *     has no relationship to it
   * @throws ForbiddenException (403) the caller sees the organization but lacks the permission
   */
  public Authorized authorize(Caller caller, String orgId, Permission permission) {
    return check(caller, orgId, permission, true);
  }

  /**
   * As {@link #authorize}, for the few endpoints that act on a deactivated organization (restore,
   * reading a deleted organization within its grace period).
   */
  public Authorized authorizeIncludingInactive(Caller caller, String orgId, Permission permission) {
    return check(caller, orgId, permission, false);
  }

  /**
   * The caller's effective permissions on the active organization (for {@code GET
   * /me/organizations} and for answers that show what a caller may do).
   *
   * @throws NotFoundException as {@link #authorize}
   */
  public Set<Permission> permissions(Caller caller, String orgId) {
    Lineage lineage = read(caller, orgId, true);
    return Authorization.permissions(caller, orgId, lineage.memberships(), lineage.ancestorIds())
        .orElseThrow(NotFoundException::new);
  }

  private Authorized check(Caller caller, String orgId, Permission permission, boolean activeOnly) {
    Lineage lineage = read(caller, orgId, activeOnly);
    Set<Permission> held =
        Authorization.permissions(caller, orgId, lineage.memberships(), lineage.ancestorIds())
            .orElseThrow(NotFoundException::new);
    if (!held.contains(permission)) {
      throw new ForbiddenException(permission);
    }
    return new Authorized(caller, lineage, held);
  }

  private Lineage read(Caller caller, String orgId, boolean activeOnly) {
    if (!isOrgId(orgId)) {
      throw new NotFoundException();
    }
    String userId = caller instanceof Caller.User user ? user.userId() : null;
    Lineage lineage = directory.lineage(orgId, userId).orElseThrow(NotFoundException::new);
    if (activeOnly && !lineage.effectivelyActive()) {
      throw new NotFoundException();
    }
    return lineage;
  }

  /** Path parameters reach here unchecked: anything that could not be a key part is not found. */
  private static boolean isOrgId(String orgId) {
    return orgId != null
        && !orgId.isBlank()
        && orgId.length() <= 64
        && orgId.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '#');
  }

  /** A granted request: who, on what (as read for the decision), holding what. */
  public record Authorized(Caller caller, Lineage lineage, Set<Permission> permissions) {

    public OrganizationItem organization() {
      return lineage.organization();
    }

    /** The organization's id followed by its ancestors' ids. */
    public List<String> chainIds() {
      List<String> ids = new ArrayList<>();
      ids.add(lineage.orgId());
      ids.addAll(lineage.ancestorIds());
      return ids;
    }
  }
}
