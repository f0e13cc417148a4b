package dev.topgun.shared.http.problem;

import dev.topgun.shared.http.HttpLimits;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.NotAcceptableException;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.NotFoundException;
import io.micronaut.http.server.exceptions.UnsupportedMediaException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * What routing refuses: no route ({@code not-found}), a method the path does not take ({@code
 * method-not-allowed} with {@code allowed}), a content type it does not read ({@code
 * unsupported-media-type} with {@code supported}), an {@code Accept} it cannot answer ({@code
 * not-acceptable}); and any other status exception by its status.
 */
@Singleton
public class RoutingProblems implements ProblemResolver {

  private final HttpLimits limits;

  public RoutingProblems(HttpLimits limits) {
    this.limits = limits;
  }

  @Override
  public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    if (error instanceof NotAllowedException nae) {
      List<String> allowed = nae.getAllowedMethods().stream().sorted().toList();
      return Optional.of(
          Problem.of(
                  ProblemType.METHOD_NOT_ALLOWED,
                  nae.getRequestMethod()
                      + " is not allowed on "
                      + request.getPath()
                      + "; allowed: "
                      + String.join(", ", allowed)
                      + ".")
              .with("allowed", allowed));
    }
    if (error instanceof UnsupportedMediaException ume) {
      return Optional.of(
          Problem.of(
                  ProblemType.UNSUPPORTED_MEDIA_TYPE,
                  "Content type '"
                      + ume.getContentType()
                      + "' is not supported here; send "
                      + String.join(" or ", ume.getAcceptableContentTypes())
                      + ".")
              .with("supported", List.copyOf(ume.getAcceptableContentTypes())));
    }
    if (error instanceof NotAcceptableException nae) {
      return Optional.of(
          Problem.of(
              ProblemType.NOT_ACCEPTABLE,
              "This resource answers "
                  + String.join(" or ", nae.getProduceableContentTypes())
                  + "; the request accepts only "
                  + String.join(", ", nae.getAcceptedTypes())
                  + "."));
    }
    if (error instanceof NotFoundException) {
      return Optional.of(notFound(request));
    }
    if (error instanceof HttpStatusException hse) {
      return Optional.of(status(hse));
    }
    return Optional.empty();
  }

  @Override
  public int getOrder() {
    return BuiltInProblems.ROUTING;
  }

  /**
   * The one body of everything not found — no route, a missing resource, an organization the caller
   * may not see — so that a refusal does not reveal that something exists.
   */
  public static Problem notFound(HttpRequest<?> request) {
    return Problem.of(ProblemType.NOT_FOUND, "Nothing is found at " + request.getPath() + ".");
  }

  private Problem status(HttpStatusException hse) {
    int code = hse.getStatus().getCode();
    Problem generic = ProblemMapper.forStatus(code, false, limits);
    // A 5xx message may describe internals; a 4xx message was written for the client.
    return code >= 500
            || hse.getMessage() == null
            || hse.getMessage().equals(hse.getStatus().getReason())
        ? generic
        : new Problem(
            generic.type(), generic.title(), generic.status(), hse.getMessage(), null, null, null);
  }
}
