package dev.topgun.licensing.domain;

/**
 * A request the rules of licenses refuse in the current state (answered 409). The {@link #reason}
 * is stable and machine-readable; the message says what to do. No HTTP here: {@code
 * LicensingProblems} answers it.
 */
public final class LicenseRuleException extends RuntimeException {

  /** The operator's own organization is unlimited and takes no license. */
  public static final String OPERATOR_UNLIMITED = "operator_unlimited";

  /** The organization already holds a license that is not revoked ({@link #licenseId()}). */
  public static final String ALREADY_LICENSED = "already_licensed";

  /** A revoked license changes no more. */
  public static final String REVOKED = "revoked";

  /** Only a suspended license resumes. */
  public static final String NOT_SUSPENDED = "not_suspended";

  private final String reason;
  private final String licenseId;

  private LicenseRuleException(String reason, String message, String licenseId) {
    super(message, null, false, false);
    this.reason = reason;
    this.licenseId = licenseId;
  }

  public static LicenseRuleException of(String reason, String message) {
    return new LicenseRuleException(reason, message, null);
  }

  static LicenseRuleException alreadyLicensed(String licenseId) {
    return new LicenseRuleException(
        ALREADY_LICENSED,
        "The organization already holds a license; change it with PATCH /v1/licenses/"
            + licenseId
            + " or revoke it first.",
        licenseId);
  }

  public String reason() {
    return reason;
  }

  /** The license the refusal is about, when it names one. */
  public String licenseId() {
    return licenseId;
  }
}
