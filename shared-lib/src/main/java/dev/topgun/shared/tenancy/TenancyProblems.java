package dev.topgun.shared.tenancy;

import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemResolver;
import dev.topgun.shared.http.problem.ProblemType;
import dev.topgun.shared.http.problem.RoutingProblems;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Authentication and authorization refusals as problems: an invalid token is 401 (with its {@code
 * reason}, so a client knows to refresh an expired one), {@link ForbiddenException} 403, {@link
 * NotFoundException} 404 with the same body as any missing resource, so that a refusal does not
 * reveal that an organization exists.
 */
@Singleton
class TenancyProblems implements ProblemResolver {

  @Override
  public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    if (error instanceof InvalidTokenException e) {
      return Optional.of(
          Problem.of(ProblemType.UNAUTHORIZED, "The bearer token is not valid.")
              .with("reason", e.reason()));
    }
    if (error instanceof KeySourceUnavailableException) {
      return Optional.of(
          Problem.of(
              ProblemType.SERVICE_UNAVAILABLE,
              "Sign-in cannot be checked at the moment. Retry the request."));
    }
    if (error instanceof ForbiddenException e) {
      return Optional.of(
          Problem.of(ProblemType.FORBIDDEN, "This needs the permission " + e.permission() + ".")
              .with("permission", e.permission().toString()));
    }
    if (error instanceof NotFoundException) {
      return Optional.of(RoutingProblems.notFound(request));
    }
    return Optional.empty();
  }

  @Override
  public int getOrder() {
    // After a function's own resolvers, before the store's and the framework's families
    // (BuiltInProblems), which answer none of these anyway.
    return LOWEST_PRECEDENCE - 201;
  }
}
