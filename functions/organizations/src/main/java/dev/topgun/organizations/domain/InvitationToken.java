package dev.topgun.organizations.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An invitation's capability: 256 random bits, base64url, mailed to the invitee and stored only as
 * its SHA-256 ({@link #hash}), so the table alone cannot be used to accept one.
 */
final class InvitationToken {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BYTES = 32;
  private static final int MAX_LENGTH = 128;

  private InvitationToken() {}

  static String generate() {
    byte[] random = new byte[BYTES];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** Whether {@code token} could be one at all (path parameters reach here unchecked). */
  static boolean plausible(String token) {
    return token != null && !token.isEmpty() && token.length() <= MAX_LENGTH;
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
