package dev.topgun.licensing.api;

import dev.topgun.licensing.domain.LicenseRuleException;
import dev.topgun.licensing.domain.TermsException;
import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemResolver;
import dev.topgun.shared.http.problem.ProblemType;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Licensing's exceptions as problems, the only place that knows what they answer: the rules of
 * licenses ({@link LicenseRuleException}: 409 with its {@code reason}, and the {@code licenseId} an
 * organization already holds) and terms the rules refuse ({@link TermsException}: 400 naming each
 * field).
 */
@Singleton
class LicensingProblems implements ProblemResolver {

  @Override
  public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    if (error instanceof LicenseRuleException e) {
      Problem problem = Problem.of(ProblemType.CONFLICT, e.getMessage()).with("reason", e.reason());
      return Optional.of(
          e.licenseId() == null ? problem : problem.with("licenseId", e.licenseId()));
    }
    if (error instanceof TermsException e) {
      return Optional.of(
          Problem.of(ProblemType.VALIDATION, e.getMessage())
              .withErrors(
                  e.violations().stream()
                      .map(v -> new FieldError(v.field(), v.message()))
                      .toList()));
    }
    return Optional.empty();
  }
}
