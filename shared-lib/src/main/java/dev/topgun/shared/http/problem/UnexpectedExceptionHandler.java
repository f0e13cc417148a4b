package dev.topgun.shared.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * The handler for every exception no more specific handler takes: domain errors (through {@link
 * ProblemResolver}s), {@link ProblemException}, body decoding errors that reach the route as codec
 * errors, and true faults (500). Micronaut picks the handler whose type is closest to the thrown
 * exception, so its own handlers for validation, conversion and routing errors still run first.
 */
@Produces
@Singleton
public class UnexpectedExceptionHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

  private final ErrorResponseProcessor<?> processor;

  public UnexpectedExceptionHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  @SuppressWarnings("rawtypes") // the interface's own signature
  public HttpResponse<?> handle(HttpRequest request, Exception exception) {
    return processor.processResponse(
        ErrorContext.builder(request).cause(exception).build(), HttpResponse.serverError());
  }
}
