package dev.topgun.shared.tenancy;

/**
 * The user pool's signing keys could not be fetched (network, HTTP error, not a JWKS). The token
 * may well be valid, so this is not a 401: it is answered 503 and the client may retry.
 */
public final class KeySourceUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public KeySourceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
