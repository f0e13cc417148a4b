package dev.topgun.shared.tenancy;

import java.util.Objects;
import java.util.Set;

/**
 * A bearer token that does not prove who the caller is: answered 401. The {@link #reason()} is a
 * stable code for logs and tests; the message never contains the token.
 */
public final class InvalidTokenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** No token, or an empty one. */
  public static final String MISSING = "missing";

  /** Not a compact JWS, or its header or claims are not JSON, or a required claim is absent. */
  public static final String MALFORMED = "malformed";

  /** Not signed with RS256 by the key it names: forged, tampered with, {@code none}, HS*. */
  public static final String BAD_SIGNATURE = "bad_signature";

  /** Signed with a key the issuer does not publish (after one rate-limited refresh of its keys). */
  public static final String UNKNOWN_KEY = "unknown_key";

  /** {@code iss} is not this user pool. */
  public static final String WRONG_ISSUER = "wrong_issuer";

  /** {@code exp} is more than the allowed clock skew in the past. */
  public static final String EXPIRED = "expired";

  /** {@code nbf} is more than the allowed clock skew in the future. */
  public static final String NOT_YET_VALID = "not_yet_valid";

  /** {@code token_use} is neither {@code id} nor {@code access}. */
  public static final String WRONG_TOKEN_USE = "wrong_token_use";

  /**
   * Issued to another app client ({@code aud} of an id token, {@code client_id} of an access
   * token).
   */
  public static final String WRONG_AUDIENCE = "wrong_audience";

  static final Set<String> REASONS =
      Set.of(
          MISSING,
          MALFORMED,
          BAD_SIGNATURE,
          UNKNOWN_KEY,
          WRONG_ISSUER,
          EXPIRED,
          NOT_YET_VALID,
          WRONG_TOKEN_USE,
          WRONG_AUDIENCE);

  private final String reason;

  public InvalidTokenException(String reason, String message) {
    super(message);
    if (!REASONS.contains(reason)) {
      throw new IllegalArgumentException("unknown reason " + reason);
    }
    this.reason = Objects.requireNonNull(reason);
  }

  /** One of the constants of this class, e.g. {@code expired}. */
  public String reason() {
    return reason;
  }
}
