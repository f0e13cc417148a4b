package dev.topgun.organizations.domain;

/**
 * The authorization a move needs, run again on every attempt (the controller's calls to the one
 * check point): to see the organization, to take it from its current parent, and to put it under
 * the new one.
 */
public interface MoveChecks {

  /** {@code organizations:read} on the organization moved. */
  Access organization();

  /**
   * {@code organizations:write} on its current parent; a parent the caller cannot see is a {@code
   * ForbiddenException} too, since the caller does see the organization.
   */
  void mayTakeFrom(String parentId);

  /** {@code organizations:write} on the new parent (not found when the caller cannot see it). */
  Access destination();
}
