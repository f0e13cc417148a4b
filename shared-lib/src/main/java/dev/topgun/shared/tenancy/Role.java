package dev.topgun.shared.tenancy;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A member's role in one organization. What each role may do is the table in {@link Permission}.
 */
public enum Role {
  OWNER,
  ADMIN,
  MEMBER,
  VIEWER;

  private final String value = name().toLowerCase(Locale.ROOT);

  /** The role as the API and the table spell it: {@code owner}, {@code admin}, … */
  public String value() {
    return value;
  }

  /**
   * Whether this role holds admin rights, which reach every descendant of the organization (owners
   * and admins only).
   */
  public boolean reachesDescendants() {
    return this == OWNER || this == ADMIN;
  }

  /** The permissions of this role on an organization, read from the table in {@link Permission}. */
  public Set<Permission> permissions() {
    return Permission.grantedTo(this);
  }

  /** The role spelt {@code value} ({@code owner}, …), if there is one. */
  public static Optional<Role> from(String value) {
    return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
  }

  static Set<Role> all() {
    return Collections.unmodifiableSet(EnumSet.allOf(Role.class));
  }

  @Override
  public String toString() {
    return value;
  }
}
