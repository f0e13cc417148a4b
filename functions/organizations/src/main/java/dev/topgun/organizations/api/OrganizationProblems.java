package dev.topgun.organizations.api;

import dev.topgun.organizations.domain.HierarchyViolationException;
import dev.topgun.organizations.domain.InvalidGrantsException;
import dev.topgun.organizations.domain.MailNotSentException;
import dev.topgun.organizations.domain.SlugTakenException;
import dev.topgun.organizations.domain.TreeRuleException;
import dev.topgun.organizations.domain.UnknownUserException;
import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemResolver;
import dev.topgun.shared.http.problem.ProblemType;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The organizations domain's exceptions as problems, the only place that knows what they answer: a
 * taken slug (409 naming {@code slug}), a type not below its parent's (400 naming {@code
 * hierarchyType}), permissions that cannot be granted (400 naming each), a user who never signed in
 * (400 naming {@code userId}), a mail server that refused (503), and the tree's rules ({@link
 * TreeRuleException}: 409, 410 or 403 with its {@code reason}).
 */
@Singleton
class OrganizationProblems implements ProblemResolver {

  @Override
  public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    if (error instanceof TreeRuleException e) {
      return Optional.of(Problem.of(type(e.refusal()), e.getMessage()).with("reason", e.reason()));
    }
    if (error instanceof SlugTakenException) {
      return Optional.of(
          Problem.of(ProblemType.CONFLICT, "The slug is taken.")
              .with("constraint", SlugTakenException.CONSTRAINT)
              .withErrors(List.of(new FieldError("slug", "is taken"))));
    }
    if (error instanceof HierarchyViolationException e) {
      return Optional.of(
          Problem.of(ProblemType.VALIDATION, "1 field is not valid.")
              .withErrors(List.of(new FieldError("hierarchyType", e.getMessage()))));
    }
    if (error instanceof InvalidGrantsException e) {
      return Optional.of(
          Problem.of(ProblemType.VALIDATION, e.positions().size() + " field(s) are not valid.")
              .withErrors(
                  e.positions().stream()
                      .map(
                          i ->
                              new FieldError(
                                  "permissions[" + i + "]", "is not a grantable permission"))
                      .toList()));
    }
    if (error instanceof UnknownUserException e) {
      return Optional.of(
          Problem.of(ProblemType.VALIDATION, e.getMessage())
              .withErrors(List.of(new FieldError("userId", "is not a known user"))));
    }
    if (error instanceof MailNotSentException) {
      return Optional.of(
          Problem.of(
              ProblemType.SERVICE_UNAVAILABLE,
              "The invitation e-mail could not be sent, so no invitation was made. Retry later."));
    }
    return Optional.empty();
  }

  private static ProblemType type(TreeRuleException.Refusal refusal) {
    return switch (refusal) {
      case CONFLICT -> ProblemType.CONFLICT;
      case GONE -> ProblemType.GONE;
      case NOT_YOURS -> ProblemType.FORBIDDEN;
    };
  }
}
