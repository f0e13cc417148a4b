package dev.topgun.organizations.domain;

/** No user with this id has signed in yet, so none can be made a member by id (invite them). */
public final class UnknownUserException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnknownUserException() {
    super("No user with this id has signed in yet: invite them instead.", null, false, false);
  }
}
