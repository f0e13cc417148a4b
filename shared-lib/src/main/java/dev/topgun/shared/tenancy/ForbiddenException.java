package dev.topgun.shared.tenancy;

import java.util.Objects;

/**
 * The caller may see the organization but lacks the permission: answered 403. The message names the
 * permission, never the caller's memberships.
 */
public final class ForbiddenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Permission permission;

  public ForbiddenException(Permission permission) {
    super("lacks " + Objects.requireNonNull(permission, "permission"));
    this.permission = permission;
  }

  public Permission permission() {
    return permission;
  }
}
