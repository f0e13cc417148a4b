package dev.topgun.organizations.api;

import dev.topgun.organizations.domain.HierarchyViolationException;
import dev.topgun.organizations.domain.TreeRuleException;
import dev.topgun.organizations.store.OrganizationStore;
import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemResolver;
import dev.topgun.shared.http.problem.ProblemType;
import dev.topgun.shared.store.UniqueConstraintViolationException;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The organizations domain's errors: a taken slug (409), a hierarchy violation on create (400), and
 * the tree's rules ({@link TreeRuleException}: 409 or 410 with a machine-readable {@code reason}).
 */
@Singleton
class OrganizationProblems implements ProblemResolver {

  @Override
  public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    if (error instanceof UniqueConstraintViolationException e
        && OrganizationStore.SLUG.equals(e.kind())) {
      return Optional.of(
          Problem.of(ProblemType.CONFLICT, "The slug is taken.")
              .with("constraint", e.kind())
              .withErrors(List.of(new FieldError("slug", "is taken"))));
    }
    if (error instanceof TreeRuleException e) {
      return Optional.of(
          Problem.of(e.gone() ? ProblemType.GONE : ProblemType.CONFLICT, e.getMessage())
              .with("reason", e.reason()));
    }
    if (error instanceof HierarchyViolationException e) {
      return Optional.of(
          Problem.of(ProblemType.VALIDATION, "1 field is not valid.")
              .withErrors(List.of(new FieldError("hierarchyType", e.getMessage()))));
    }
    return Optional.empty();
  }
}
