package dev.topgun.shared.http;

import io.micronaut.http.HttpRequest;
import java.util.Optional;
import org.slf4j.MDC;

/** Where a request's correlation id is kept while it is answered. */
public final class Correlation {

  /** The request and response header that carries the id between services and to clients. */
  public static final String HEADER = "X-Correlation-Id";

  /** The MDC key, named as Powertools Logging names it. */
  public static final String MDC_KEY = "correlation_id";

  static final String ATTRIBUTE = "topgun.correlation-id";

  private Correlation() {}

  /** The id {@link CorrelationFilter} gave this request, else the one in the logging context. */
  public static Optional<String> id(HttpRequest<?> request) {
    return request
        .getAttribute(ATTRIBUTE, String.class)
        .or(() -> Optional.ofNullable(MDC.get(MDC_KEY)));
  }

  /** The id of the request being answered on this thread, if any (e.g. for event envelopes). */
  public static Optional<String> current() {
    return Optional.ofNullable(MDC.get(MDC_KEY));
  }
}
