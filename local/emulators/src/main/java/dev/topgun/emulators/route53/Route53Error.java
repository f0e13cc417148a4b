package dev.topgun.emulators.route53;

/**
 * An error answer of the Route 53 API: its HTTP status, its error code ({@code NoSuchHostedZone},
 * {@code InvalidInput}, ...) and message, written as Route 53's {@code ErrorResponse} XML.
 */
public final class Route53Error extends RuntimeException {

  private final int status;
  private final String code;

  public Route53Error(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static Route53Error invalidInput(String message) {
    return new Route53Error(400, "InvalidInput", message);
  }

  static Route53Error noSuchHostedZone(String id) {
    return new Route53Error(404, "NoSuchHostedZone", "No hosted zone found with ID: " + id);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
