package dev.topgun.local.http;

import dev.topgun.emulators.Json;
import dev.topgun.shared.tenancy.CognitoTokenVerifier;
import dev.topgun.shared.tenancy.InvalidTokenException;
import dev.topgun.shared.tenancy.KeySourceUnavailableException;
import dev.topgun.shared.tenancy.VerifiedToken;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * API Gateway's Cognito user-pool authorizer for {@code auth: user} routes: the {@code
 * Authorization} header must carry a token of the runtime's user pool, checked against the pool's
 * published keys by shared-lib's {@link CognitoTokenVerifier}. Like API Gateway's, it checks the
 * pool (issuer), not the app client.
 */
public final class CognitoAuthorizer {

  /** API Gateway writes these two as dates ({@code Tue Apr 04 18:39:39 UTC 2023}), not numbers. */
  private static final Set<String> DATE_CLAIMS = Set.of("exp", "iat");

  private static final DateTimeFormatter CLAIM_DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final CognitoTokenVerifier verifier;

  public CognitoAuthorizer(CognitoTokenVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * The claims to put in {@code requestContext.authorizer.claims}.
   *
   * @param authorization the {@code Authorization} header, or null when there is none
   * @throws InvalidTokenException the caller is not authenticated (401)
   * @throws KeySourceUnavailableException the pool's keys cannot be fetched (503)
   */
  Map<String, String> authorize(String authorization) {
    VerifiedToken token = verifier.verify(authorization);
    return claimsAsStrings(token.claims());
  }

  /**
   * The claims as API Gateway hands them to a proxy integration: every value a string; {@code exp}
   * and {@code iat} as dates, other numbers as digits, booleans as {@code true}/{@code false},
   * lists joined with commas (a single group is its bare name), objects as JSON text.
   */
  static Map<String, String> claimsAsStrings(Map<String, Object> claims) {
    Map<String, String> strings = new LinkedHashMap<>();
    claims.forEach(
        (name, value) -> {
          if (value != null) {
            strings.put(name, claimAsString(name, value));
          }
        });
    return strings;
  }

  private static String claimAsString(String name, Object value) {
    if (value instanceof Number number) {
      if (DATE_CLAIMS.contains(name)) {
        return CLAIM_DATE.format(Instant.ofEpochSecond(number.longValue()));
      }
      return number instanceof Double || number instanceof Float
          ? number.toString()
          : Long.toString(number.longValue());
    }
    if (value instanceof Collection<?> values) {
      return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    if (value instanceof Map<?, ?> object) {
      return Json.text(object);
    }
    return String.valueOf(value);
  }
}
