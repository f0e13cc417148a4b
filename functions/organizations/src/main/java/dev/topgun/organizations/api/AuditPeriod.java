package dev.topgun.organizations.api;

import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ValidationProblems;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The audit log's {@code ?from=&to=}: ISO-8601 instants, either open; never from after to. */
record AuditPeriod(@Nullable Instant from, @Nullable Instant to) {

  /**
   * @throws ProblemException 400 naming every bad parameter: one that is not an instant, or {@code
   *     from} after {@code to}
   */
  static AuditPeriod parse(@Nullable String from, @Nullable String to) {
    List<FieldError> errors = new ArrayList<>();
    Instant start = instant("from", from, errors);
    Instant end = instant("to", to, errors);
    if (start != null && end != null && start.isAfter(end)) {
      errors.add(new FieldError("from", "must not be after to"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(ValidationProblems.of(errors));
    }
    return new AuditPeriod(start, end);
  }

  private static Instant instant(String name, @Nullable String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, "must be an ISO-8601 instant, e.g. 2026-12-04T10:00:00Z"));
      return null;
    }
  }
}
