package dev.topgun.shared.http.problem;

import dev.topgun.shared.http.Correlation;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every error body Micronaut builds (its own exception handlers, unmatched routes, the default 500)
 * comes through here, so every error a function answers is {@code application/problem+json}. It
 * replaces Micronaut's default processor, which is only created when no other is present.
 */
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

  private final ProblemMapper mapper;

  public ProblemErrorResponseProcessor(ProblemMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  @SuppressWarnings("unchecked")
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext errorContext, MutableHttpResponse<?> baseResponse) {
    HttpRequest<?> request = errorContext.getRequest();
    Throwable cause = errorContext.getRootCause().orElse(null);
    Problem problem = mapper.toProblem(cause, baseResponse.code(), request);
    if (problem.status() >= 500 && cause != null) {
      logUnexpected(request, cause);
    }
    MutableHttpResponse<Problem> response =
        (MutableHttpResponse<Problem>) baseResponse.status(problem.status());
    if (request.getMethod() == HttpMethod.HEAD) {
      return response;
    }
    return response.body(problem).contentType(Problem.CONTENT_TYPE);
  }

  /** Logged here, with the correlation id, because the client sees none of it. */
  private static void logUnexpected(HttpRequest<?> request, Throwable cause) {
    String correlationId = Correlation.id(request).orElse(null);
    boolean put = correlationId != null && MDC.get(Correlation.MDC_KEY) == null;
    if (put) {
      MDC.put(Correlation.MDC_KEY, correlationId);
    }
    try {
      LOG.error(
          "Unexpected error answering {} {}", request.getMethodName(), request.getPath(), cause);
    } finally {
      if (put) {
        MDC.remove(Correlation.MDC_KEY);
      }
    }
  }
}
