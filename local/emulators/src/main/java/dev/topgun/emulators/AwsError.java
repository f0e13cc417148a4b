package dev.topgun.emulators;

/**
 * An error answer of an AWS API, in the form the SDK reads: an HTTP status and an error code (the
 * {@code __type} of the JSON protocols, or {@code x-amzn-ErrorType}).
 */
public final class AwsError extends RuntimeException {

  private final int status;
  private final String code;

  public AwsError(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public static AwsError validation(String message) {
    return new AwsError(400, "ValidationException", message);
  }

  public static AwsError notFound(String message) {
    return new AwsError(404, "ResourceNotFoundException", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The answer's body in the AWS JSON protocols: {@code {"__type": code, "message": …}}. */
  public byte[] jsonBody() {
    com.fasterxml.jackson.databind.node.ObjectNode error = Json.MAPPER.createObjectNode();
    error.put("__type", code);
    error.put("message", getMessage());
    return Json.bytes(error);
  }
}
