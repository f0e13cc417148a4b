package dev.topgun.organizations.domain;

/**
 * A request the rules of the tree, its members or its invitations refuse in the current state:
 * {@link Refusal#CONFLICT} (answered 409), {@link Refusal#GONE} for what is gone for good (410) or
 * {@link Refusal#NOT_YOURS} for what belongs to someone else (403). The {@link #reason} is stable
 * and machine-readable; the message says what to do. No HTTP here: {@code OrganizationProblems}
 * answers it.
 */
public final class TreeRuleException extends RuntimeException {

  /** Moving under itself or one of its own descendants. */
  public static final String MOVE_INTO_OWN_SUBTREE = "move_into_own_subtree";

  /** The new parent's type does not admit the organization's type. */
  public static final String HIERARCHY = "hierarchy";

  /** A move whose closure rewrite would not fit one transaction. */
  public static final String MOVE_TOO_LARGE = "move_too_large";

  /** The root is neither moved nor deleted. */
  public static final String ROOT = "root";

  /** Deleting without {@code cascade=true} while active children exist. */
  public static final String HAS_ACTIVE_CHILDREN = "has_active_children";

  /** Restoring an organization that is not deleted. */
  public static final String NOT_DELETED = "not_deleted";

  /** Restoring below a deleted ancestor. */
  public static final String ANCESTOR_DELETED = "ancestor_deleted";

  /** Restoring after the 30 days (410). */
  public static final String RESTORE_WINDOW_PASSED = "restore_window_passed";

  /** Removing or demoting the last owner. */
  public static final String LAST_OWNER = "last_owner";

  /** Adding a member who already is one. */
  public static final String ALREADY_MEMBER = "already_member";

  /** Accepting an invitation already accepted (or revoked). */
  public static final String INVITATION_USED = "invitation_used";

  /** Accepting an invitation past its 7 days (410). */
  public static final String INVITATION_EXPIRED = "invitation_expired";

  /** Accepting an invitation signed in as someone other than its verified invitee (403). */
  public static final String EMAIL_MISMATCH = "email_mismatch";

  /** What kind of refusal it is. */
  public enum Refusal {
    /** Not in the current state. */
    CONFLICT,
    /** Too late, for good. */
    GONE,
    /** Meant for someone else. */
    NOT_YOURS
  }

  private final String reason;
  private final Refusal refusal;

  private TreeRuleException(String reason, String message, Refusal refusal) {
    super(message, null, false, false);
    this.reason = reason;
    this.refusal = refusal;
  }

  /** A refusal in the current state. */
  public static TreeRuleException conflict(String reason, String message) {
    return new TreeRuleException(reason, message, Refusal.CONFLICT);
  }

  /** Too late, for good. */
  public static TreeRuleException gone(String reason, String message) {
    return new TreeRuleException(reason, message, Refusal.GONE);
  }

  /** Meant for someone else. */
  public static TreeRuleException notYours(String reason, String message) {
    return new TreeRuleException(reason, message, Refusal.NOT_YOURS);
  }

  public String reason() {
    return reason;
  }

  public Refusal refusal() {
    return refusal;
  }
}
