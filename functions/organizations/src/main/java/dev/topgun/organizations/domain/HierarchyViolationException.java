package dev.topgun.organizations.domain;

/**
 * A child of a type that may not sit below its parent's type: answered 400 on {@code
 * hierarchyType}.
 */
public final class HierarchyViolationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient HierarchyType parent;
  private final transient HierarchyType child;

  public HierarchyViolationException(HierarchyType parent, HierarchyType child, String message) {
    super(message);
    this.parent = parent;
    this.child = child;
  }

  public HierarchyType parent() {
    return parent;
  }

  public HierarchyType child() {
    return child;
  }
}
