package dev.topgun.shared.audit;

import dev.topgun.shared.http.Correlation;
import dev.topgun.shared.http.RequestOrigin;
import io.micronaut.http.HttpRequest;

/**
 * Who made a change and from where: the actor (a user's {@code sub} or an API key id), the source
 * IP API Gateway saw, and the request's correlation id.
 */
public record AuditContext(String actor, String sourceIp, String requestId) {

  /** The context of {@code request} made by {@code actor}. */
  public static AuditContext of(HttpRequest<?> request, String actor) {
    return new AuditContext(
        actor, RequestOrigin.sourceIp(request).orElse(null), Correlation.id(request).orElse(null));
  }
}
