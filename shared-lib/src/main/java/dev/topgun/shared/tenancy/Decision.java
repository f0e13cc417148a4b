package dev.topgun.shared.tenancy;

/** The outcome of {@link Authorization#decide}. */
public enum Decision {
  /** The caller holds the permission on the organization. */
  ALLOW,
  /** The caller may see the organization but lacks the permission: 403. */
  FORBIDDEN,
  /** The caller has no relationship to the organization; its existence is not revealed: 404. */
  NOT_FOUND
}
