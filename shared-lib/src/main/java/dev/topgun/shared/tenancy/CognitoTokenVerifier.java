package dev.topgun.shared.tenancy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.annotation.Nullable;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies Cognito user pool tokens (id and access tokens) against the pool's published keys.
 *
 * <p>What is accepted: a compact JWS signed with RS256 by a key in the pool's JWKS ({@code
 * <issuer>/.well-known/jwks.json}), with {@code iss} exactly the pool's issuer, {@code exp} (and
 * {@code nbf} when present) within {@value #CLOCK_SKEW_SECONDS} s of the injected clock, and {@code
 * token_use} {@code id} or {@code access}. With a client id, an id token's {@code aud} and an
 * access token's {@code client_id} must be that client. Anything else is an {@link
 * InvalidTokenException} whose {@code reason} says why; {@code alg} is checked before any key is
 * looked up, so {@code none} and HMAC tokens (including those "signed" with the public key as the
 * secret) never reach a verifier.
 *
 * <p>The keys are fetched on the first verification, not at construction (cold start), and cached
 * for {@value #CACHE_TTL_MINUTES} minutes. A token naming an unknown {@code kid} makes one refresh,
 * rate-limited to one per {@value #REFRESH_INTERVAL_SECONDS} s, so a pool's key rotation is picked
 * up and a flood of forged tokens does not become a flood of JWKS requests. If the keys cannot be
 * fetched at all, {@link KeySourceUnavailableException} (503), not a 401.
 *
 * <p>Thread-safe; one per JVM. Tokens are never logged nor put in exception messages.
 */
public final class CognitoTokenVerifier implements TokenVerifier {

  static final long CLOCK_SKEW_SECONDS = 60;
  static final long CACHE_TTL_MINUTES = 15;
  static final long REFRESH_INTERVAL_SECONDS = 30;
  private static final int HTTP_TIMEOUT_MS = 3000;
  private static final int JWKS_SIZE_LIMIT = 64 * 1024;
  private static final Set<String> TOKEN_USES = Set.of("id", "access");
  private static final String BEARER = "bearer ";

  private final String issuer;
  private final @Nullable String clientId;
  private final Clock clock;
  private final JWKSource<SecurityContext> keys;

  /**
   * @param issuer the pool's issuer, see {@link #issuer(String, String, String)}
   * @param clientId the app client whose tokens are accepted, or {@code null} for any client of the
   *     pool
   * @param clock the time against which {@code exp} and {@code nbf} are checked
   */
  public CognitoTokenVerifier(URI issuer, @Nullable String clientId, Clock clock) {
    this.issuer = Objects.requireNonNull(issuer, "issuer").toString();
    this.clientId = clientId == null || clientId.isBlank() ? null : clientId;
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      this.keys =
          JWKSourceBuilder.<SecurityContext>create(
                  URI.create(this.issuer + "/.well-known/jwks.json").toURL(),
                  new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, JWKS_SIZE_LIMIT))
              .cache(
                  Duration.ofMinutes(CACHE_TTL_MINUTES).toMillis(),
                  Duration.ofMillis(HTTP_TIMEOUT_MS * 2L).toMillis())
              // No refresh-ahead: it refreshes on a background thread, which a frozen Lambda
              // sandbox would not run anyway.
              .refreshAheadCache(false)
              .rateLimited(Duration.ofSeconds(REFRESH_INTERVAL_SECONDS).toMillis())
              .build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("issuer is not a URL: " + issuer, e);
    }
  }

  /**
   * The issuer of a user pool's tokens: {@code <cognitoEndpoint>/<userPoolId>} when an endpoint
   * override is set (cognito-local), else {@code
   * https://cognito-idp.<region>.amazonaws.com/<userPoolId>}.
   */
  public static URI issuer(@Nullable String cognitoEndpoint, String region, String userPoolId) {
    Objects.requireNonNull(userPoolId, "userPoolId");
    if (userPoolId.isBlank() || userPoolId.contains("/")) {
      throw new IllegalArgumentException("not a user pool id: " + userPoolId);
    }
    if (cognitoEndpoint != null && !cognitoEndpoint.isBlank()) {
      return URI.create(cognitoEndpoint.replaceAll("/+$", "") + "/" + userPoolId);
    }
    Objects.requireNonNull(region, "region");
    return URI.create("https://cognito-idp." + region + ".amazonaws.com/" + userPoolId);
  }

  /** The issuer this verifier accepts. */
  public URI issuer() {
    return URI.create(issuer);
  }

  /**
   * @param token the token, bare or as an {@code Authorization} header value ({@code Bearer <jwt>})
   * @throws InvalidTokenException the token does not prove a caller (401)
   * @throws KeySourceUnavailableException the pool's keys could not be fetched (503)
   */
  @Override
  public VerifiedToken verify(@Nullable String token) {
    String compact = stripBearer(token);
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(compact);
    } catch (ParseException e) {
      // Also an unsecured ("alg": "none") JWT: SignedJWT refuses it while parsing.
      if (isUnsecured(compact)) {
        throw new InvalidTokenException(
            InvalidTokenException.BAD_SIGNATURE, "the token is unsigned");
      }
      throw new InvalidTokenException(InvalidTokenException.MALFORMED, "the token is not a JWS");
    }
    JWSHeader header = jwt.getHeader();
    if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
      throw new InvalidTokenException(
          InvalidTokenException.BAD_SIGNATURE,
          "the token is signed with " + header.getAlgorithm() + ", not RS256");
    }
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new InvalidTokenException(InvalidTokenException.MALFORMED, "the claims are not JSON");
    }
    // Before any key lookup: a token of another issuer must not make us fetch keys.
    if (!issuer.equals(claims.getIssuer())) {
      throw new InvalidTokenException(
          InvalidTokenException.WRONG_ISSUER, "the token is not issued by " + issuer);
    }
    verifySignature(jwt, header);
    return checkClaims(claims);
  }

  private void verifySignature(SignedJWT jwt, JWSHeader header) {
    if (header.getKeyID() == null) {
      throw new InvalidTokenException(InvalidTokenException.UNKNOWN_KEY, "the token names no key");
    }
    JWKSelector selector =
        new JWKSelector(
            new JWKMatcher.Builder()
                .keyType(KeyType.RSA)
                .keyID(header.getKeyID())
                .keyUses(KeyUse.SIGNATURE, null)
                .algorithms(JWSAlgorithm.RS256, null)
                .build());
    List<JWK> candidates;
    try {
      candidates = keys.get(selector, null);
    } catch (RateLimitReachedException e) {
      // The kid was not in the cached keys and a refresh was made less than the interval ago.
      candidates = List.of();
    } catch (KeySourceException e) {
      throw new KeySourceUnavailableException("the keys of " + issuer + " cannot be fetched", e);
    }
    if (candidates.isEmpty()) {
      throw new InvalidTokenException(
          InvalidTokenException.UNKNOWN_KEY, "the token's key is not one of " + issuer);
    }
    for (JWK candidate : candidates) {
      try {
        if (jwt.verify(new RSASSAVerifier((RSAKey) candidate))) {
          return;
        }
      } catch (JOSEException e) {
        // A key too short or unusable for RS256: try the next one, else refuse below.
      }
    }
    throw new InvalidTokenException(
        InvalidTokenException.BAD_SIGNATURE, "the token's signature does not verify");
  }

  private VerifiedToken checkClaims(JWTClaimsSet claims) {
    String tokenUse = stringClaim(claims, "token_use");
    if (tokenUse == null || !TOKEN_USES.contains(tokenUse)) {
      throw new InvalidTokenException(
          InvalidTokenException.WRONG_TOKEN_USE, "token_use is not id or access");
    }
    if (clientId != null) {
      boolean ours =
          "id".equals(tokenUse)
              ? List.of(clientId).equals(claims.getAudience())
              : clientId.equals(stringClaim(claims, "client_id"));
      if (!ours) {
        throw new InvalidTokenException(
            InvalidTokenException.WRONG_AUDIENCE, "the token is issued to another client");
      }
    }
    Date exp = claims.getExpirationTime();
    String subject = claims.getSubject();
    if (exp == null || subject == null || subject.isBlank()) {
      throw new InvalidTokenException(InvalidTokenException.MALFORMED, "exp or sub is missing");
    }
    Instant now = clock.instant();
    Instant expiresAt = exp.toInstant();
    if (now.isAfter(expiresAt.plusSeconds(CLOCK_SKEW_SECONDS))) {
      throw new InvalidTokenException(InvalidTokenException.EXPIRED, "the token has expired");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.plusSeconds(CLOCK_SKEW_SECONDS).isBefore(nbf.toInstant())) {
      throw new InvalidTokenException(
          InvalidTokenException.NOT_YET_VALID, "the token is not valid yet");
    }
    Object verified = claims.getClaim("email_verified");
    boolean emailVerified =
        Boolean.TRUE.equals(verified) || (verified instanceof String s && "true".equals(s));
    return new VerifiedToken(
        subject,
        stringClaim(claims, "email"),
        emailVerified,
        tokenUse,
        expiresAt,
        Collections.unmodifiableMap(new LinkedHashMap<>(claims.toJSONObject())));
  }

  private static @Nullable String stringClaim(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    return value instanceof String s ? s : null;
  }

  private static String stripBearer(@Nullable String token) {
    String value = token == null ? "" : token.strip();
    if (value.equalsIgnoreCase(BEARER.strip())) {
      value = "";
    } else if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      value = value.substring(BEARER.length()).strip();
    }
    if (value.isEmpty()) {
      throw new InvalidTokenException(InvalidTokenException.MISSING, "no token");
    }
    return value;
  }

  private static boolean isUnsecured(String compact) {
    int dot = compact.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    try {
      String json =
          new String(
              Base64.getUrlDecoder().decode(compact.substring(0, dot)), StandardCharsets.UTF_8);
      Map<String, Object> header = JSONObjectUtils.parse(json);
      return "none".equalsIgnoreCase(String.valueOf(header.get("alg")));
    } catch (ParseException | IllegalArgumentException e) {
      return false;
    }
  }
}
