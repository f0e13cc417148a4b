package dev.topgun.agent.api;

/** The API did not do what was asked; {@link #kind()} says what the agent should do about it. */
public final class ApiException extends Exception {

  public enum Kind {
    /** Connection failure, timeout, 5xx or 429: keep the data and try again later. */
    RETRY,
    /** 401: the credential (or enrolment token) is not valid any more; stop. */
    REVOKED,
    /** Any other 4xx: the request itself is wrong; sending it again will not help. */
    REJECTED
  }

  private final Kind kind;
  private final int status;

  public ApiException(Kind kind, int status, String message) {
    super(message);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  static Kind kindOf(int status) {
    if (status == 401) {
      return Kind.REVOKED;
    }
    if (status == 429 || status >= 500) {
      return Kind.RETRY;
    }
    return Kind.REJECTED;
  }
}
