package dev.topgun.organizations.api;

import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ProblemType;
import java.util.List;

/** Checks on request bodies that bean validation does not express per field. */
final class RequestChecks {

  private RequestChecks() {}

  /** At least one of two optional fields is present, else 400 naming both. */
  static void requireOne(Object first, Object second, String firstName, String secondName) {
    if (first == null && second == null) {
      String message = "one of " + firstName + " and " + secondName + " is required";
      throw new ProblemException(
          Problem.of(ProblemType.VALIDATION, "2 fields are not valid.")
              .withErrors(
                  List.of(
                      new FieldError(firstName, message), new FieldError(secondName, message))));
    }
  }
}
