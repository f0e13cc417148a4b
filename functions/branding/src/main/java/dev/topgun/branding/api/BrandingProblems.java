package dev.topgun.branding.api;

import dev.topgun.branding.domain.BrandValidationException;
import dev.topgun.branding.domain.HostnameRuleException;
import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemResolver;
import dev.topgun.shared.http.problem.ProblemType;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Branding's exceptions as problems, the only place that knows what they answer: bad fields,
 * refused images and refused CSS (400 naming each field and why), hostname rules (409 with a stable
 * {@code reason}).
 */
@Singleton
class BrandingProblems implements ProblemResolver {

  @Override
  public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    if (error instanceof BrandValidationException e) {
      return Optional.of(
          Problem.of(ProblemType.VALIDATION, e.getMessage())
              .withErrors(
                  e.violations().stream()
                      .map(v -> new FieldError(v.field(), v.message()))
                      .toList()));
    }
    if (error instanceof HostnameRuleException e) {
      return Optional.of(
          Problem.of(ProblemType.CONFLICT, e.getMessage()).with("reason", e.reason()));
    }
    return Optional.empty();
  }
}
