package dev.topgun.shared.tenancy;

import static dev.topgun.shared.tenancy.Permission.Cells.N;
import static dev.topgun.shared.tenancy.Permission.Cells.Y;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an endpoint requires, named {@code <resource>:<action>}: the resource is plural and
 * lower-case with hyphens ({@code api-keys}), the action {@code read} or {@code write} (or a verb a
 * domain needs, kept rare). Each domain owns the permissions of its resources; it adds them here,
 * with their row of the matrix, in the same change as the endpoints that declare them.
 *
 * <p><b>The role × permission matrix is this enum</b>: each constant states which of owner, admin,
 * member and viewer hold it on an organization ({@code Y}/{@code N}). Nothing else in the code
 * decides what a role may do; {@code shared-lib/README.md} shows the same table.
 */
public enum Permission {
  //                                                 owner admin member viewer
  ORGANIZATIONS_READ("organizations:read", /*       */ Y, Y, Y, Y),
  /**
   * List an organization's children and descendants: only those who act on them (owners and admins,
   * whose rights reach every descendant); a member or viewer sees its own organization, not its
   * customers.
   */
  ORGANIZATIONS_READ_TREE("organizations:read-tree", /* */ Y, Y, N, N),
  /** Create children, rename, move, delete (soft) and restore. */
  ORGANIZATIONS_WRITE("organizations:write", /*     */ Y, Y, N, N),
  /** Appoint, demote or remove an owner. */
  OWNERS_WRITE("owners:write", /*                   */ Y, N, N, N),
  MEMBERS_READ("members:read", /*                   */ Y, Y, Y, Y),
  /** Add members, change roles and grants (but not to or from owner), remove members. */
  MEMBERS_WRITE("members:write", /*                 */ Y, Y, N, N),
  INVITATIONS_WRITE("invitations:write", /*         */ Y, Y, N, N),
  AUDIT_READ("audit:read", /*                       */ Y, Y, N, N),
  LICENSES_READ("licenses:read", /*                 */ Y, Y, Y, Y),
  LICENSES_WRITE("licenses:write", /*               */ Y, Y, N, N),
  BRANDING_READ("branding:read", /*                 */ Y, Y, Y, Y),
  BRANDING_WRITE("branding:write", /*               */ Y, Y, N, N),
  PROVISIONING_READ("provisioning:read", /*         */ Y, Y, Y, Y),
  /** Cloud credentials, Terraform configurations, provisioning runs: they spend money. */
  PROVISIONING_WRITE("provisioning:write", /*       */ Y, Y, N, N),
  SERVERS_READ("servers:read", /*                   */ Y, Y, Y, Y),
  SERVERS_WRITE("servers:write", /*                 */ Y, Y, Y, N),
  DEPLOYMENTS_READ("deployments:read", /*           */ Y, Y, Y, Y),
  DEPLOYMENTS_WRITE("deployments:write", /*         */ Y, Y, Y, N),
  BILLING_READ("billing:read", /*                   */ Y, Y, N, N),
  BILLING_WRITE("billing:write", /*                 */ Y, Y, N, N),
  DOMAINS_READ("domains:read", /*                   */ Y, Y, Y, Y),
  DOMAINS_WRITE("domains:write", /*                 */ Y, Y, Y, N),
  API_KEYS_READ("api-keys:read", /*                 */ Y, Y, N, N),
  API_KEYS_WRITE("api-keys:write", /*               */ Y, Y, N, N),
  WEBHOOKS_READ("webhooks:read", /*                 */ Y, Y, N, N),
  WEBHOOKS_WRITE("webhooks:write", /*               */ Y, Y, N, N);

  private static final Pattern NAME = Pattern.compile("[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*");
  private static final Map<Role, Set<Permission>> BY_ROLE = new EnumMap<>(Role.class);

  static {
    for (Permission p : values()) {
      if (!NAME.matcher(p.value).matches()) {
        throw new IllegalStateException("not <resource>:<action>: " + p.value);
      }
    }
    for (Role role : Role.values()) {
      EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
      for (Permission p : values()) {
        if (p.roles.contains(role)) {
          permissions.add(p);
        }
      }
      BY_ROLE.put(role, Collections.unmodifiableSet(permissions));
    }
  }

  private final String value;
  private final Set<Role> roles;

  Permission(String value, boolean owner, boolean admin, boolean member, boolean viewer) {
    this.value = value;
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    if (owner) {
      roles.add(Role.OWNER);
    }
    if (admin) {
      roles.add(Role.ADMIN);
    }
    if (member) {
      roles.add(Role.MEMBER);
    }
    if (viewer) {
      roles.add(Role.VIEWER);
    }
    this.roles = Collections.unmodifiableSet(roles);
  }

  /** {@code organizations:read}, … as endpoints, grants and the API spell it. */
  public String value() {
    return value;
  }

  /** The roles that hold this permission on an organization. */
  public Set<Role> roles() {
    return roles;
  }

  /**
   * Whether a membership may carry this permission as an explicit grant. {@code owners:write} may
   * not: a grant would make an owner of someone who is not one.
   */
  public boolean grantable() {
    return this != OWNERS_WRITE;
  }

  /** The permission spelt {@code value}, if there is one. */
  public static Optional<Permission> from(String value) {
    return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
  }

  static Set<Permission> grantedTo(Role role) {
    return BY_ROLE.get(role);
  }

  @Override
  public String toString() {
    return value;
  }

  /**
   * The matrix's cells, statically imported: an enum constant cannot read the enum's own fields.
   */
  interface Cells {
    boolean Y = true;
    boolean N = false;
  }
}
