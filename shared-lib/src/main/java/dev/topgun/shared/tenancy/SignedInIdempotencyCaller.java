package dev.topgun.shared.tenancy;

import dev.topgun.shared.http.idempotency.CredentialsIdempotencyCaller;
import dev.topgun.shared.http.idempotency.IdempotencyCaller;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Scopes idempotency keys to the signed-in user ({@code user:<sub>}), so that a key survives a
 * token refresh and two users can never replay each other's responses. The path, which holds the
 * organization id, is the other half of the scope. Requests without a user fall back to the
 * credentials' fingerprint (they are refused with 401 anyway).
 */
@Singleton
@Replaces(CredentialsIdempotencyCaller.class)
public class SignedInIdempotencyCaller implements IdempotencyCaller {

  private final SignedInUserBinder users;
  private final CredentialsIdempotencyCaller credentials = new CredentialsIdempotencyCaller();

  public SignedInIdempotencyCaller(SignedInUserBinder users) {
    this.users = users;
  }

  @Override
  public String of(HttpRequest<?> request) {
    try {
      return "user:" + users.resolve(request).caller().id();
    } catch (InvalidTokenException | KeySourceUnavailableException unknown) {
      return credentials.of(request);
    }
  }
}
