package dev.topgun.shared.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Refuses bodies over {@code topgun.http.max-body-bytes} with 413 before anything reads them. The
 * HTTP server has its own {@code micronaut.server.max-request-size}, but behind API Gateway the
 * whole body arrives inside the Lambda event and nothing else would stop it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BodySizeFilter implements Ordered {

  private final HttpLimits limits;

  public BodySizeFilter(HttpLimits limits) {
    this.limits = limits;
  }

  @RequestFilter
  public void refuseOversizeBodies(HttpRequest<?> request) {
    long length = request.getContentLength();
    if (request instanceof ServerHttpRequest<?> server) {
      // On Lambda this is the decoded event body's exact size; on Netty the declared length.
      length = Math.max(length, server.byteBody().expectedLength().orElse(-1));
    }
    if (length > limits.maxBodyBytes()) {
      throw new ContentLengthExceededException(limits.maxBodyBytes(), length);
    }
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.after();
  }
}
