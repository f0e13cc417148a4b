package dev.topgun.shared.http.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error a Topgun function answers (content type
 * {@code application/problem+json}).
 *
 * @param type stable identifier of the kind of problem, one of {@link ProblemType}; clients switch
 *     on it, never on {@code title} or {@code detail}
 * @param title short summary of the kind of problem; the same for every occurrence of a type
 * @param status the HTTP status code, repeated for clients that lose it
 * @param detail this occurrence, in words
 * @param instance the request path this occurrence answered
 * @param errors field-level errors, for validation problems
 * @param extensions further members (e.g. {@code limit}, {@code usage}, {@code correlationId}),
 *     written at the top level of the JSON object as RFC 9457 asks
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    URI type,
    String title,
    int status,
    @Nullable String detail,
    @Nullable String instance,
    @Nullable List<FieldError> errors,
    @JsonAnyGetter @Nullable Map<String, Object> extensions) {

  public static final String CONTENT_TYPE = "application/problem+json";

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
    extensions =
        extensions == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  /** A problem of the given type with its usual status and title. */
  public static Problem of(ProblemType type, @Nullable String detail) {
    return new Problem(type.uri(), type.title(), type.status(), detail, null, null, null);
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
  }

  public Problem withInstance(@Nullable String requestPath) {
    return new Problem(type, title, status, detail, requestPath, errors, extensions);
  }

  public Problem withStatus(int httpStatus) {
    return new Problem(type, title, httpStatus, detail, instance, errors, extensions);
  }

  /** This problem with one more extension member; {@code null} values are left out. */
  public Problem with(String member, @Nullable Object value) {
    if (value == null) {
      return this;
    }
    Map<String, Object> more = new LinkedHashMap<>(extensions);
    more.put(member, value);
    return new Problem(type, title, status, detail, instance, errors, more);
  }
}
