package dev.topgun.platform.domain;

import java.util.Optional;

/** Reads the user of a sign-in token (a port; the user pool's keys). */
public interface SignIns {

  /** The user ({@code sub}) the token was issued to, or empty when it is not a valid token. */
  Optional<String> userOf(String token);
}
