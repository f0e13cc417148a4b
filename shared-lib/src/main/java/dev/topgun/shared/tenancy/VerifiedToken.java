package dev.topgun.shared.tenancy;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A Cognito token whose signature, issuer, lifetime, use and audience have been checked.
 *
 * @param subject the user's stable id in the pool ({@code sub})
 * @param email the {@code email} claim; id tokens carry it, access tokens do not
 * @param emailVerified the {@code email_verified} claim; {@code false} when absent
 * @param tokenUse {@code id} or {@code access}
 * @param expiresAt {@code exp}
 * @param claims every claim, as JSON values (dates as epoch seconds), unmodifiable
 */
public record VerifiedToken(
    String subject,
    @Nullable String email,
    boolean emailVerified,
    String tokenUse,
    Instant expiresAt,
    Map<String, Object> claims) {

  public VerifiedToken {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(tokenUse, "tokenUse");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(claims, "claims");
  }

  /** Whether this is an id token (as opposed to an access token). */
  public boolean isIdToken() {
    return "id".equals(tokenUse);
  }
}
