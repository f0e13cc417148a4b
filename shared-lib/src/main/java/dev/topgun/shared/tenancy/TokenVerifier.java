package dev.topgun.shared.tenancy;

import io.micronaut.core.annotation.Nullable;

/**
 * Checks a bearer token and says whose it is. {@link CognitoTokenVerifier} (Nimbus JOSE) is the
 * implementation; it is a bean only where Nimbus is on the classpath — the local runtime's
 * authorizer and tests. Deployed functions carry no verifier: API Gateway's Cognito authorizer has
 * verified the token before the function runs, and the function reads its claims.
 */
public interface TokenVerifier {

  /**
   * @param token the token, or an {@code Authorization} header value ({@code Bearer …})
   * @throws InvalidTokenException (401) with the reason it is refused
   * @throws KeySourceUnavailableException (503) when the pool's keys cannot be fetched
   */
  VerifiedToken verify(@Nullable String token);
}
