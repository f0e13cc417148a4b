package dev.topgun.shared.http.problem;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bean Validation failures (every bad field of a body, a parameter out of range) as one {@code
 * validation} problem naming each field by the JSON path the client sent.
 */
@Singleton
public class ValidationProblems implements ProblemResolver {

  @Override
  public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    return error instanceof ConstraintViolationException cve
        ? Optional.of(validation(cve))
        : Optional.empty();
  }

  @Override
  public int getOrder() {
    return BuiltInProblems.VALIDATION;
  }

  /**
   * The {@code validation} problem naming {@code errors}, as Bean Validation failures answer: for
   * checks an edge makes itself (a request binder, a rule across two fields).
   */
  public static Problem of(List<FieldError> errors) {
    return Problem.of(ProblemType.VALIDATION, describe(errors)).withErrors(errors);
  }

  private static Problem validation(ConstraintViolationException cve) {
    Set<ConstraintViolation<?>> violations = cve.getConstraintViolations();
    if (violations == null || violations.isEmpty()) {
      return Problem.of(ProblemType.VALIDATION, cve.getMessage());
    }
    return of(
        violations.stream()
            .map(v -> new FieldError(fieldPath(v.getPropertyPath()), v.getMessage()))
            .distinct()
            .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
            .toList());
  }

  private static String describe(List<FieldError> errors) {
    long fields = errors.stream().map(FieldError::field).distinct().count();
    return fields == 1
        ? "Field '" + errors.get(0).field() + "' is not valid."
        : fields + " fields are not valid.";
  }

  /**
   * The JSON path of a violation: the method and the body parameter's own name are not part of what
   * the client sent, so they are left out; a lone parameter (a query value) keeps its name. A
   * list's element is {@code [index]}; a map's entry, a member of a JSON object, is {@code .key}.
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
        if (node.getIndex() != null) {
          field.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
          // An entry of a map is a member of a JSON object: limits.max_users, not
          // limits[max_users].
          field.append(field.isEmpty() ? "" : ".").append(node.getKey());
        } else {
          field.append("[]");
        }
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
}
