package dev.topgun.shared.http.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.topgun.shared.http.Correlation;
import dev.topgun.shared.http.HttpLimits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.NotAcceptableException;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.NotFoundException;
import io.micronaut.http.server.exceptions.UnsupportedMediaException;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Decides the problem an error answers. One place, used by the error response processor (for the
 * errors Micronaut's own handlers catch: validation, conversion, routing, size) and by the
 * catch-all exception handler (for everything else), so both server paths answer alike.
 */
@Singleton
public class ProblemMapper {

  private static final URI ABOUT_BLANK = URI.create("about:blank");

  private final List<ProblemResolver> resolvers;
  private final HttpLimits limits;

  public ProblemMapper(List<ProblemResolver> resolvers, HttpLimits limits) {
    List<ProblemResolver> sorted = new ArrayList<>(resolvers);
    OrderUtil.sort(sorted);
    this.resolvers = List.copyOf(sorted);
    this.limits = limits;
  }

  /**
   * @param cause what went wrong, if anything was thrown
   * @param status the status Micronaut chose for the response
   */
  public Problem toProblem(@Nullable Throwable cause, int status, HttpRequest<?> request) {
    Throwable error = unwrap(cause);
    Problem problem = null;
    if (error != null) {
      problem = resolve(error, request).orElse(null);
    }
    if (problem == null) {
      problem = forStatus(status, error);
    }
    if (problem.instance() == null) {
      problem = problem.withInstance(request.getPath());
    }
    Optional<String> correlationId = Correlation.id(request);
    if (correlationId.isPresent() && !problem.extensions().containsKey("correlationId")) {
      problem = problem.with("correlationId", correlationId.get());
    }
    return problem;
  }

  private Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    if (error instanceof ProblemException pe) {
      return Optional.of(pe.problem());
    }
    for (ProblemResolver resolver : resolvers) {
      Optional<Problem> resolved = resolver.resolve(error, request);
      if (resolved.isPresent()) {
        return resolved;
      }
    }
    if (error instanceof ConstraintViolationException cve) {
      return Optional.of(validation(cve));
    }
    Optional<Problem> body = bodyProblem(error, request);
    if (body.isPresent()) {
      return body;
    }
    if (error instanceof UnsatisfiedBodyRouteException) {
      return Optional.of(Problem.of(ProblemType.MISSING_BODY, "This request needs a JSON body."));
    }
    if (error instanceof UnsatisfiedRouteException ure) {
      return Optional.of(missingParameter(ure.getArgument()));
    }
    if (error instanceof UnsatisfiedArgumentException uae) {
      return Optional.of(
          isBody(uae.getArgument())
              ? Problem.of(ProblemType.MISSING_BODY, "This request needs a JSON body.")
              : missingParameter(uae.getArgument()));
    }
    if (error instanceof ConversionErrorException cee) {
      String name = parameterName(cee.getArgument());
      return Optional.of(
          Problem.of(ProblemType.INVALID_PARAMETER, "Parameter '" + name + "' is not valid.")
              .withErrors(List.of(new FieldError(name, expectation(cee.getArgument())))));
    }
    if (error instanceof ContentLengthExceededException
        || error instanceof BufferLengthExceededException) {
      return Optional.of(tooLarge());
    }
    if (error instanceof NotAllowedException nae) {
      return Optional.of(
          Problem.of(
                  ProblemType.METHOD_NOT_ALLOWED,
                  nae.getRequestMethod()
                      + " is not allowed on "
                      + request.getPath()
                      + "; allowed: "
                      + String.join(", ", nae.getAllowedMethods().stream().sorted().toList())
                      + ".")
              .with("allowed", nae.getAllowedMethods().stream().sorted().toList()));
    }
    if (error instanceof UnsupportedMediaException ume) {
      return Optional.of(
          Problem.of(
                  ProblemType.UNSUPPORTED_MEDIA_TYPE,
                  "Content type '"
                      + ume.getContentType()
                      + "' is not supported here; send "
                      + String.join(" or ", ume.getAcceptableContentTypes())
                      + ".")
              .with("supported", List.copyOf(ume.getAcceptableContentTypes())));
    }
    if (error instanceof NotAcceptableException nae) {
      return Optional.of(
          Problem.of(
              ProblemType.NOT_ACCEPTABLE,
              "This resource answers "
                  + String.join(" or ", nae.getProduceableContentTypes())
                  + "; the request accepts only "
                  + String.join(", ", nae.getAcceptedTypes())
                  + "."));
    }
    if (error instanceof NotFoundException) {
      return Optional.of(notFound(request));
    }
    if (error instanceof HttpStatusException hse) {
      int code = hse.getStatus().getCode();
      Problem generic = forStatus(code, null);
      // A 5xx message may describe internals; a 4xx message was written for the client.
      return Optional.of(
          code >= 500
                  || hse.getMessage() == null
                  || hse.getMessage().equals(hse.getStatus().getReason())
              ? generic
              : new Problem(
                  generic.type(),
                  generic.title(),
                  generic.status(),
                  hse.getMessage(),
                  null,
                  null,
                  null));
    }
    if (isNamed(error, "EmptyBodyException")) {
      return Optional.of(Problem.of(ProblemType.MISSING_BODY, "This request needs a JSON body."));
    }
    return Optional.empty();
  }

  private Problem forStatus(int status, @Nullable Throwable error) {
    if (status < 400 || (status >= 500 && error != null)) {
      return Problem.of(
          ProblemType.INTERNAL,
          "The request could not be completed. If this persists, report the correlationId.");
    }
    if (status == 413) {
      return tooLarge();
    }
    return ProblemType.forStatus(status)
        .map(t -> Problem.of(t, null))
        .or(
            () ->
                status >= 500
                    ? Optional.of(Problem.of(ProblemType.INTERNAL, null).withStatus(status))
                    : Optional.empty())
        .orElseGet(
            () -> {
              String reason = reason(status);
              return new Problem(ABOUT_BLANK, reason, status, null, null, null, null);
            });
  }

  private static String reason(int status) {
    try {
      return HttpStatus.valueOf(status).getReason();
    } catch (IllegalArgumentException e) {
      return "Error";
    }
  }

  private Problem tooLarge() {
    return Problem.of(
            ProblemType.PAYLOAD_TOO_LARGE,
            "The request body is larger than " + limits.maxBodyBytes() + " bytes.")
        .with("limit", limits.maxBodyBytes());
  }

  private static Problem notFound(HttpRequest<?> request) {
    return Problem.of(ProblemType.NOT_FOUND, "Nothing is found at " + request.getPath() + ".");
  }

  private static Problem missingParameter(Argument<?> argument) {
    String name = parameterName(argument);
    return Problem.of(ProblemType.INVALID_PARAMETER, "Parameter '" + name + "' is required.")
        .withErrors(List.of(new FieldError(name, "is required")));
  }

  // ---- Bean Validation ---------------------------------------------------------------------

  private static Problem validation(ConstraintViolationException cve) {
    Set<ConstraintViolation<?>> violations = cve.getConstraintViolations();
    if (violations == null || violations.isEmpty()) {
      return Problem.of(ProblemType.VALIDATION, cve.getMessage());
    }
    List<FieldError> errors =
        violations.stream()
            .map(v -> new FieldError(fieldPath(v.getPropertyPath()), v.getMessage()))
            .distinct()
            .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
            .toList();
    return Problem.of(ProblemType.VALIDATION, describe(errors)).withErrors(errors);
  }

  private static String describe(List<FieldError> errors) {
    long fields = errors.stream().map(FieldError::field).distinct().count();
    return fields == 1
        ? "Field '" + errors.get(0).field() + "' is not valid."
        : fields + " fields are not valid.";
  }

  /**
   * The JSON path of a violation: the method and the body parameter's own name are not part of what
   * the client sent, so they are left out; a lone parameter (a query value) keeps its name.
   */
  static String fieldPath(Path path) {
    List<Path.Node> nodes = new ArrayList<>();
    path.forEach(nodes::add);
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      Path.Node node = nodes.get(i);
      ElementKind kind = node.getKind();
      if (kind == ElementKind.METHOD
          || kind == ElementKind.CONSTRUCTOR
          || kind == ElementKind.RETURN_VALUE
          || kind == ElementKind.CROSS_PARAMETER) {
        continue;
      }
      if (kind == ElementKind.PARAMETER && i < nodes.size() - 1) {
        continue;
      }
      if (node.isInIterable()) {
        field.append('[');
        if (node.getIndex() != null) {
          field.append(node.getIndex());
        } else if (node.getKey() != null) {
          field.append(node.getKey());
        }
        field.append(']');
      }
      if (kind != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(node.getName());
      }
    }
    return field.toString();
  }

  // ---- JSON bodies -------------------------------------------------------------------------

  private Optional<Problem> bodyProblem(Throwable error, HttpRequest<?> request) {
    List<Throwable> chain = chain(error);
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
    if (message.contains("No content to map") || message.contains("end-of-input")) {
      return Optional.of(Problem.of(ProblemType.MISSING_BODY, "This request needs a JSON body."));
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
          && s.getMessage().startsWith("Unknown property [")) {
        return Optional.of(fieldProblem(field, "is not a known property"));
      }
    }
    return Optional.of(fieldProblem(field, expectation(refs.get(0))));
  }

  private static Problem fieldProblem(String field, String message) {
    List<FieldError> errors = List.of(new FieldError(field, message));
    return Problem.of(ProblemType.VALIDATION, describe(errors)).withErrors(errors);
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
        .map(ProblemMapper::expectation);
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

  private static String expectation(ReferencePath innermost) {
    if (innermost instanceof CollectionItemReferencePath c) {
      return expectation(
          c.collectionArgument().getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT));
    }
    if (innermost instanceof MapItemReferencePath m) {
      Argument<?>[] vars = m.mapArgument().getTypeParameters();
      return expectation(vars.length == 2 ? vars[1] : Argument.OBJECT_ARGUMENT);
    }
    return expectation(innermost.getArgument());
  }

  /** What a value of this type looks like in JSON, phrased as a requirement. */
  static String expectation(Argument<?> argument) {
    Class<?> type = argument.getWrapperType();
    if (CharSequence.class.isAssignableFrom(type)
        || type == java.util.UUID.class
        || type == URI.class
        || type == Character.class) {
      return "must be a string";
    }
    if (type == Integer.class
        || type == Long.class
        || type == Short.class
        || type == Byte.class
        || type == java.math.BigInteger.class) {
      return "must be an integer";
    }
    if (Number.class.isAssignableFrom(type)) {
      return "must be a number";
    }
    if (type == Boolean.class) {
      return "must be true or false";
    }
    if (type.isEnum()) {
      return "must be one of "
          + String.join(", ", Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "must be an ISO-8601 date or date-time string";
    }
    if (type.isArray()
        || Collection.class.isAssignableFrom(type)
        || Iterable.class.isAssignableFrom(type)) {
      return "must be an array";
    }
    if (type == Object.class) {
      return "is not valid";
    }
    return "must be an object";
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static boolean isBody(Argument<?> argument) {
    return argument.getAnnotationMetadata().hasAnnotation(Body.class);
  }

  /** The name the client used: {@code @QueryValue("page_size")} names {@code page_size}. */
  static String parameterName(Argument<?> argument) {
    return argument
        .getAnnotationMetadata()
        .getAnnotationTypeByStereotype(Bindable.class)
        .flatMap(a -> argument.getAnnotationMetadata().stringValue(a))
        .filter(s -> !s.isEmpty())
        .orElse(argument.getName());
  }

  private static boolean isNamed(Throwable error, String simpleName) {
    return chain(error).stream().anyMatch(t -> t.getClass().getSimpleName().equals(simpleName));
  }

  @Nullable
  static Throwable unwrap(@Nullable Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException
            || t instanceof ExecutionException
            || t instanceof UndeclaredThrowableException
            || t instanceof InvocationTargetException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static List<Throwable> chain(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = error;
        t != null && seen.put(t, true) == null && chain.size() < 32;
        t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  /** Whether the request's {@code If-Match} made the write conditional (412 rather than 409). */
  static boolean hasPrecondition(HttpRequest<?> request) {
    return request.getHeaders().contains(HttpHeaders.IF_MATCH)
        || request.getHeaders().contains(HttpHeaders.IF_UNMODIFIED_SINCE);
  }
}
