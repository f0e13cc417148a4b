package dev.topgun.shared.http.problem;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of problem a Topgun function answers. Each has a stable {@code type} URI under {@value
 * #BASE}; the URIs are part of the API contract (clients switch on them), so a type is never
 * renamed, only added.
 */
public enum ProblemType {
  VALIDATION("validation", 400, "The request is not valid"),
  MALFORMED_JSON("malformed-json", 400, "The request body is not valid JSON"),
  MISSING_BODY("missing-body", 400, "The request body is missing"),
  INVALID_PARAMETER("invalid-parameter", 400, "A request parameter is missing or not valid"),
  INVALID_CURSOR("invalid-cursor", 400, "The pagination cursor is not valid"),
  IDEMPOTENCY_KEY_INVALID(
      "idempotency-key-invalid", 400, "The Idempotency-Key header is not valid"),
  BAD_REQUEST("bad-request", 400, "The request cannot be processed"),
  UNAUTHORIZED("unauthorized", 401, "Authentication is required"),
  FORBIDDEN("forbidden", 403, "The caller may not do this"),
  NOT_FOUND("not-found", 404, "The resource was not found"),
  METHOD_NOT_ALLOWED("method-not-allowed", 405, "The method is not allowed on this resource"),
  NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation is available"),
  CONFLICT("conflict", 409, "The request conflicts with the current state of the resource"),
  VERSION_CONFLICT("version-conflict", 409, "The resource was changed by another request"),
  LIMIT_EXCEEDED("limit-exceeded", 409, "A limit of the plan or license is reached"),
  IDEMPOTENCY_IN_PROGRESS(
      "idempotency-in-progress", 409, "A request with this Idempotency-Key is still in progress"),
  GONE("gone", 410, "The resource is no longer available"),
  PRECONDITION_FAILED("precondition-failed", 412, "The resource does not match the precondition"),
  PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type", 415, "The request body's media type is not supported"),
  IDEMPOTENCY_KEY_REUSED(
      "idempotency-key-reused", 422, "The Idempotency-Key was used for a different request"),
  TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests"),
  INTERNAL("internal", 500, "An unexpected error occurred"),
  SERVICE_UNAVAILABLE("service-unavailable", 503, "The service is unavailable");

  public static final String BASE = "https://topgun.dev/problems/";

  private final URI uri;
  private final int status;
  private final String title;

  ProblemType(String slug, int status, String title) {
    this.uri = URI.create(BASE + slug);
    this.status = status;
    this.title = title;
  }

  /**
   * {@code type} as it is named through {@code hostname}: {@code
   * https://<hostname>/problems/<slug>} for a type of {@link #BASE}, so that a brand hiding its
   * origin never shows the platform's; any other type unchanged. The slug, which clients switch on,
   * stays.
   */
  public static URI onHost(URI type, String hostname) {
    String text = type.toString();
    if (!text.startsWith(BASE)) {
      return type;
    }
    return URI.create("https://" + hostname + "/problems/" + text.substring(BASE.length()));
  }

  public URI uri() {
    return uri;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /**
   * The generic type for a status, for errors that carry nothing but a status (a controller
   * answering {@code HttpStatus.FORBIDDEN}, say).
   */
  public static Optional<ProblemType> forStatus(int status) {
    return Arrays.stream(values())
        .filter(t -> t.status == status)
        .filter(
            t ->
                switch (t) {
                  case NOT_FOUND,
                      METHOD_NOT_ALLOWED,
                      NOT_ACCEPTABLE,
                      CONFLICT,
                      UNAUTHORIZED,
                      FORBIDDEN,
                      PRECONDITION_FAILED,
                      PAYLOAD_TOO_LARGE,
                      UNSUPPORTED_MEDIA_TYPE,
                      TOO_MANY_REQUESTS,
                      INTERNAL,
                      SERVICE_UNAVAILABLE,
                      BAD_REQUEST ->
                      true;
                  default -> false;
                })
        .findFirst();
  }
}
