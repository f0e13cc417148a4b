package dev.topgun.shared.tenancy;

/**
 * The organization does not exist for this caller: it does not exist, it is deactivated, or the
 * caller has no relationship to it. Answered 404 with the same body in each case, so a refusal does
 * not reveal that another tenant's organization exists.
 */
public final class NotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotFoundException() {
    super("no such organization for this caller");
  }
}
