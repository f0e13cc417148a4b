package dev.topgun.shared.http.problem;

import dev.topgun.shared.branding.HiddenOrigins;
import dev.topgun.shared.http.Correlation;
import dev.topgun.shared.http.HttpLimits;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides the problem an error answers, for the error response processor (the errors Micronaut's
 * own handlers catch: validation, conversion, routing, size) and the catch-all exception handler
 * (everything else) alike, so both server paths answer the same.
 *
 * <p>It asks the {@link ProblemResolver}s in order — a function's own first, then shared-lib's, one
 * per family ({@link ValidationProblems}, {@link BodyProblems}, {@link ParameterProblems}, {@link
 * BodySizeProblems}, {@link RoutingProblems}, {@code TenancyProblems}, {@link
 * StoreProblemResolver}) — and answers by status when none knows the error; then it adds the
 * request's path as {@code instance} and its {@code correlationId}.
 */
@Singleton
public class ProblemMapper {

  private static final URI ABOUT_BLANK = URI.create("about:blank");

  private final List<ProblemResolver> resolvers;
  private final HttpLimits limits;
  private final BeanProvider<HiddenOrigins> hiddenOrigins;

  public ProblemMapper(
      List<ProblemResolver> resolvers,
      HttpLimits limits,
      BeanProvider<HiddenOrigins> hiddenOrigins) {
    List<ProblemResolver> sorted = new ArrayList<>(resolvers);
    OrderUtil.sort(sorted);
    this.resolvers = List.copyOf(sorted);
    this.limits = limits;
    this.hiddenOrigins = hiddenOrigins;
  }

  /**
   * @param cause what went wrong, if anything was thrown
   * @param status the status Micronaut chose for the response
   */
  public Problem toProblem(@Nullable Throwable cause, int status, HttpRequest<?> request) {
    Throwable error = Causes.unwrap(cause);
    Problem problem = null;
    if (error != null) {
      problem = resolve(error, request).orElse(null);
    }
    if (problem == null) {
      problem = forStatus(status, error != null, limits);
    }
    if (problem.instance() == null) {
      problem = problem.withInstance(request.getPath());
    }
    Optional<String> correlationId = Correlation.id(request);
    if (correlationId.isPresent() && !problem.extensions().containsKey("correlationId")) {
      problem = problem.with("correlationId", correlationId.get());
    }
    return masked(problem, request);
  }

  /**
   * Through a hostname whose brand hides its origin, the problem's type names that host instead of
   * the platform ({@code https://<host>/problems/<slug>}): the slug, which clients switch on,
   * stays. A failed lookup leaves the problem as it is rather than failing the error answer.
   */
  private Problem masked(Problem problem, HttpRequest<?> request) {
    String type = problem.type().toString();
    if (!type.startsWith(ProblemType.BASE) || !hiddenOrigins.isPresent()) {
      return problem;
    }
    String hostname =
        HiddenOrigins.hostname(
            HiddenOrigins.requestHost(
                request.getHeaders().get("X-Forwarded-Host"),
                request.getHeaders().get(HttpHeaders.HOST)));
    try {
      if (hostname == null || !hiddenOrigins.get().hides(hostname)) {
        return problem;
      }
    } catch (RuntimeException e) {
      return problem;
    }
    return new Problem(
        ProblemType.onHost(problem.type(), hostname),
        problem.title(),
        problem.status(),
        problem.detail(),
        problem.instance(),
        problem.errors(),
        problem.extensions());
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
    return Optional.empty();
  }

  /**
   * The problem of a bare status: {@code internal} for a fault (a 5xx with an exception, or no
   * error status at all), else the status's own type, else {@code about:blank}.
   */
  static Problem forStatus(int status, boolean thrown, HttpLimits limits) {
    if (status < 400 || (status >= 500 && thrown)) {
      return Problem.of(
          ProblemType.INTERNAL,
          "The request could not be completed. If this persists, report the correlationId.");
    }
    if (status == 413) {
      return BodySizeProblems.tooLarge(limits);
    }
    return ProblemType.forStatus(status)
        .map(t -> Problem.of(t, null))
        .or(
            () ->
                status >= 500
                    ? Optional.of(Problem.of(ProblemType.INTERNAL, null).withStatus(status))
                    : Optional.empty())
        .orElseGet(() -> new Problem(ABOUT_BLANK, reason(status), status, null, null, null, null));
  }

  private static String reason(int status) {
    try {
      return HttpStatus.valueOf(status).getReason();
    } catch (IllegalArgumentException e) {
      return "Error";
    }
  }
}
