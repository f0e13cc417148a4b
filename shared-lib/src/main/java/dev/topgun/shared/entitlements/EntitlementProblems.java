package dev.topgun.shared.entitlements;

import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemResolver;
import dev.topgun.shared.http.problem.ProblemType;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The feature gate's refusals: 403 {@code forbidden} naming the {@code feature} and a reason. */
@Singleton
class EntitlementProblems implements ProblemResolver {

  @Override
  public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    if (error instanceof FeatureNotLicensedException e) {
      return Optional.of(
          Problem.of(ProblemType.FORBIDDEN, e.getMessage())
              .with("feature", e.feature())
              .with("reason", "feature_not_licensed"));
    }
    if (error instanceof LicenseReadOnlyException e) {
      return Optional.of(
          Problem.of(ProblemType.FORBIDDEN, e.getMessage())
              .with("feature", e.feature())
              .with("reason", "license_" + e.state().value()));
    }
    return Optional.empty();
  }
}
