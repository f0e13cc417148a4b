package dev.topgun.branding.domain;

/** A hostname rule refused the request; {@code reason} is stable for clients. */
public class HostnameRuleException extends RuntimeException {

  public static final String TAKEN = "hostname_taken";
  public static final String NOT_PROVEN = "hostname_not_proven";

  private final String reason;

  public HostnameRuleException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
