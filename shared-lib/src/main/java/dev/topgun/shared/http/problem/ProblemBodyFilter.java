package dev.topgun.shared.http.problem;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Gives a problem body to error responses that have none, such as a controller's {@code
 * HttpResponse.status(SERVICE_UNAVAILABLE)}: Micronaut only builds error bodies for exceptions and
 * unmatched routes. Runs innermost, so that the idempotency filter keeps the final body.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ProblemBodyFilter implements Ordered {

  private final ProblemMapper mapper;

  public ProblemBodyFilter(ProblemMapper mapper) {
    this.mapper = mapper;
  }

  @ResponseFilter
  public void addProblemBody(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (response.code() < 400
        || request.getMethod() == HttpMethod.HEAD
        || response.getBody().isPresent()) {
      return;
    }
    Problem problem = mapper.toProblem(null, response.code(), request);
    @SuppressWarnings("unchecked")
    MutableHttpResponse<Object> writable = (MutableHttpResponse<Object>) response;
    writable.body(problem).contentType(Problem.CONTENT_TYPE);
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.RENDERING.order();
  }
}
