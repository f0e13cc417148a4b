package dev.topgun.shared.http.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * A request body that does not decode: not JSON ({@code malformed-json} with the position), absent
 * ({@code missing-body}), or JSON of the wrong shape ({@code validation} naming the field by its
 * JSON path: a value of the wrong type, a number out of range, an unknown property).
 *
 * <p>Micronaut Serialization says some of this only in its messages; {@link #NO_CONTENT}, {@link
 * #END_OF_INPUT} and {@link #UNKNOWN_PROPERTY} are the texts relied on. {@code BodyProblemsTest}
 * decodes bad bodies with the real mapper and fails when an upgrade changes what it relies on;
 * {@code ProblemResponsesIT} does the same for a missing body through both server paths.
 */
@Singleton
public class BodyProblems implements ProblemResolver {

  /** Serde's message for a body with no JSON value at all. */
  static final String NO_CONTENT = "No content to map";

  /** Jackson's message for a body that stops inside a value. */
  static final String END_OF_INPUT = "end-of-input";

  /** Serde's message for a property the record does not declare ({@code @JsonRequest}). */
  static final String UNKNOWN_PROPERTY = "Unknown property [";

  @Override
  public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    Optional<Problem> body = decoding(error, request);
    if (body.isPresent()) {
      return body;
    }
    return error instanceof UnsatisfiedBodyRouteException
        ? Optional.of(missing())
        : Optional.empty();
  }

  @Override
  public int getOrder() {
    return BuiltInProblems.BODY;
  }

  static Problem missing() {
    return Problem.of(ProblemType.MISSING_BODY, "This request needs a JSON body.");
  }

  private static Optional<Problem> decoding(Throwable error, HttpRequest<?> request) {
    List<Throwable> chain = Causes.chain(error);
    SerdeException serde = null;
    for (Throwable t : chain) {
      if (t instanceof SerdeException s
          && (serde == null || s.getPath().size() > serde.getPath().size())) {
        serde = s;
      }
    }
    for (Throwable t : chain) {
      if (t instanceof InputCoercionException) {
        String field = serde == null ? "" : path(serde.getPath());
        return Optional.of(fieldProblem(field, "is out of range"));
      }
    }
    for (Throwable t : chain) {
      if (t instanceof JsonProcessingException jpe) {
        return Optional.of(malformed(jpe));
      }
    }
    for (Throwable t : chain) {
      if (t instanceof JsonSyntaxException) {
        return Optional.of(
            Problem.of(ProblemType.MALFORMED_JSON, "The request body is not valid JSON."));
      }
    }
    if (serde == null) {
      return Optional.empty();
    }
    String message = serde.getMessage() == null ? "" : serde.getMessage();
    if (message.contains(NO_CONTENT) || message.contains(END_OF_INPUT)) {
      return Optional.of(missing());
    }
    List<ReferencePath> refs = serde.getPath();
    if (refs.isEmpty()) {
      return Optional.of(
          Problem.of(
              ProblemType.VALIDATION,
              "The request body "
                  + bodyShape(request).orElse("does not have the expected shape")
                  + "."));
    }
    String field = path(refs);
    for (Throwable t : chain) {
      if (t instanceof SerdeException s
          && s.getMessage() != null
          && s.getMessage().startsWith(UNKNOWN_PROPERTY)) {
        return Optional.of(fieldProblem(field, "is not a known property"));
      }
    }
    return Optional.of(fieldProblem(field, JsonExpectations.of(refs.get(0))));
  }

  private static Problem fieldProblem(String field, String message) {
    return ValidationProblems.of(List.of(new FieldError(field, message)));
  }

  private static Problem malformed(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String what = e.getOriginalMessage();
    Problem problem =
        Problem.of(
            ProblemType.MALFORMED_JSON,
            location == null || location.getLineNr() < 0
                ? "The request body is not valid JSON: " + what
                : "The request body is not valid JSON at line "
                    + location.getLineNr()
                    + ", column "
                    + location.getColumnNr()
                    + ": "
                    + what);
    if (location != null && location.getLineNr() >= 0) {
      problem = problem.with("line", location.getLineNr()).with("column", location.getColumnNr());
    }
    return problem;
  }

  private static Optional<String> bodyShape(HttpRequest<?> request) {
    return RouteAttributes.getRouteInfo(request)
        .flatMap(RouteInfo::getRequestBodyType)
        .map(JsonExpectations::of);
  }

  /** {@code items[0].name}, from serde's reference path (innermost first). */
  static String path(List<ReferencePath> refs) {
    StringBuilder field = new StringBuilder();
    for (int i = refs.size() - 1; i >= 0; i--) {
      ReferencePath ref = refs.get(i);
      if (ref instanceof PropertyReferencePath p) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(p.property().getName());
      } else if (ref instanceof CollectionItemReferencePath c) {
        field.append('[').append(c.index()).append(']');
      } else if (ref instanceof MapItemReferencePath m) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(m.key());
      }
    }
    return field.toString();
  }

  /**
   * The Lambda handler's own signal of a request without a body ({@code EmptyBodyException}, an
   * {@code IOException} inside API Gateway's servlet request), asked last: a binding or routing
   * error that also carries it says more.
   */
  @Singleton
  static class Absent implements ProblemResolver {

    @Override
    public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
      return Causes.anyNamed(error, "EmptyBodyException")
          ? Optional.of(missing())
          : Optional.empty();
    }

    @Override
    public int getOrder() {
      return BuiltInProblems.ROUTING + 1;
    }
  }
}
