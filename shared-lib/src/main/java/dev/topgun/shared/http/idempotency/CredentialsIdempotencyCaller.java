package dev.topgun.shared.http.idempotency;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.security.Principal;
import java.util.Optional;

/**
 * The authenticated principal's name when there is one; else a hash of the credentials the request
 * presents ({@code Authorization} or {@code X-Api-Key}), so that the record never holds a secret;
 * else {@code anonymous}.
 */
@Singleton
public class CredentialsIdempotencyCaller implements IdempotencyCaller {

  static final String API_KEY_HEADER = "X-Api-Key";

  @Override
  public String of(HttpRequest<?> request) {
    Optional<String> principal = request.getUserPrincipal().map(Principal::getName);
    if (principal.isPresent()) {
      return "user:" + principal.get();
    }
    Optional<String> credentials =
        request
            .getHeaders()
            .getFirst(HttpHeaders.AUTHORIZATION)
            .or(() -> request.getHeaders().getFirst(API_KEY_HEADER));
    return credentials
        .map(c -> "credentials:" + Fingerprints.sha256Hex(c).substring(0, 32))
        .orElse("anonymous");
  }
}
