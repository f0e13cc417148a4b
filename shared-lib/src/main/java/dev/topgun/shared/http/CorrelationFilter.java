package dev.topgun.shared.http;

import com.github.f4b6a3.ulid.UlidCreator;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.MDC;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is sane, else
 * API Gateway's request id, else a new ULID. The id is in the logging context (MDC) while the
 * request is answered, in every problem body, and echoed in the response header. Runs first so that
 * every other filter's logs carry it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CorrelationFilter implements Ordered {

  static final int MAX_LENGTH = 128;

  /** Per class loader, which in Lambda is per execution environment. */
  private static final AtomicBoolean COLD_START = new AtomicBoolean(true);

  private final Optional<String> service;

  public CorrelationFilter(
      @Property(name = "topgun.domain") @Nullable String domain,
      @Property(name = "micronaut.application.name") @Nullable String applicationName) {
    this.service =
        Optional.ofNullable(domain)
            .or(() -> Optional.ofNullable(applicationName))
            .filter(s -> !s.isBlank());
  }

  @RequestFilter
  public void correlate(HttpRequest<?> request, MutablePropagatedContext context) {
    String id =
        request
            .getHeaders()
            .getFirst(Correlation.HEADER)
            .filter(CorrelationFilter::isSane)
            .or(() -> ApiGatewayRequests.requestId(request))
            .orElseGet(() -> UlidCreator.getMonotonicUlid().toString());
    request.setAttribute(Correlation.ATTRIBUTE, id);

    Map<String, String> mdc =
        Optional.ofNullable(MDC.getCopyOfContextMap()).orElseGet(HashMap::new);
    mdc.put(Correlation.MDC_KEY, id);
    mdc.put("cold_start", String.valueOf(COLD_START.getAndSet(false)));
    service.ifPresent(s -> mdc.put("service", s));
    context.add(new MdcPropagationContext(mdc));
  }

  @ResponseFilter
  public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
    Correlation.id(request).ifPresent(id -> response.getHeaders().set(Correlation.HEADER, id));
  }

  /**
   * Printable ASCII without spaces, at most {@value #MAX_LENGTH} characters: safe to log and echo.
   */
  static boolean isSane(String id) {
    if (id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }
}
