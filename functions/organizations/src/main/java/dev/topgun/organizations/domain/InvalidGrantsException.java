package dev.topgun.organizations.domain;

import java.util.List;

/** Permissions a request names that are not grantable ones: their positions in the list. */
public final class InvalidGrantsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Integer> positions;

  public InvalidGrantsException(List<Integer> positions) {
    super(positions.size() + " permission(s) are not grantable", null, false, false);
    this.positions = List.copyOf(positions);
  }

  public List<Integer> positions() {
    return positions;
  }
}
