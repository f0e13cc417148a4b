package dev.topgun.organizations.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The levels of the organization tree, top to bottom: the operator ({@code top_branch}, the one
 * root), resellers ({@code master_branch}), sub-resellers ({@code sub_user}) and customers ({@code
 * end_user}). A child is always strictly below its parent; an {@code end_user} has no children.
 */
public enum HierarchyType {
  TOP_BRANCH,
  MASTER_BRANCH,
  SUB_USER,
  END_USER;

  private final String value = name().toLowerCase(Locale.ROOT);

  /** As the API and the table spell it: {@code top_branch}, … */
  public String value() {
    return value;
  }

  /** Whether an organization of this type may have a child of type {@code child}. */
  public boolean mayParent(HierarchyType child) {
    return child.ordinal() > ordinal();
  }

  /** Whether an organization of this type may have children at all. */
  public boolean mayHaveChildren() {
    return this != END_USER;
  }

  /**
   * Checks that {@code child} may be created under an organization of this type.
   *
   * @throws HierarchyViolationException when it may not
   */
  public void requireChild(HierarchyType child) {
    if (!mayHaveChildren()) {
      throw new HierarchyViolationException(
          this, child, "an end_user organization has no children");
    }
    if (!mayParent(child)) {
      throw new HierarchyViolationException(
          this, child, "must be below the parent's hierarchy type " + value);
    }
  }

  public static Optional<HierarchyType> from(String value) {
    return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
  }

  @Override
  public String toString() {
    return value;
  }
}
