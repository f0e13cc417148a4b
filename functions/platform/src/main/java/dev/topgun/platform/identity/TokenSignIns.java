package dev.topgun.platform.identity;

import dev.topgun.platform.domain.SignIns;
import dev.topgun.shared.tenancy.InvalidTokenException;
import dev.topgun.shared.tenancy.TokenVerifier;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The user of a WebSocket connection's token. API Gateway's WebSocket APIs have no Cognito
 * authorizer, so unlike REST requests the function checks the token itself, with the user pool's
 * keys ({@code CognitoTokenVerifier}: signature, issuer, audience, expiry).
 */
@Singleton
public class TokenSignIns implements SignIns {

  private final TokenVerifier verifier;

  public TokenSignIns(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public Optional<String> userOf(String token) {
    try {
      return Optional.of(verifier.verify(token).subject());
    } catch (InvalidTokenException e) {
      return Optional.empty();
    }
  }
}
