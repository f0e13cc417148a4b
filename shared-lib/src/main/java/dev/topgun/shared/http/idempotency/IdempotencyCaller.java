package dev.topgun.shared.http.idempotency;

import io.micronaut.http.HttpRequest;

/**
 * Who is calling, as far as idempotency keys are concerned: two callers may use the same key
 * without meeting. Replace the default ({@link CredentialsIdempotencyCaller}) with a bean that
 * {@code @Replaces} it once requests resolve a tenant and caller.
 */
@FunctionalInterface
public interface IdempotencyCaller {

  /** A stable, non-secret name for the caller of this request. */
  String of(HttpRequest<?> request);
}
