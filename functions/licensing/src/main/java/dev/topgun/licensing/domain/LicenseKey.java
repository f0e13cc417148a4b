package dev.topgun.licensing.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A human-typable license key: {@code TG-} and five groups of five RFC 4648 base32 characters
 * ({@code A–Z}, {@code 2–7}: no 0/O or 1/I/L to confuse), 125 random bits. Only its SHA-256 is a
 * lookup key; the key itself is stored with its license, which its organization may read.
 */
public final class LicenseKey {

  static final String PREFIX = "TG-";
  static final int GROUPS = 5;
  static final int GROUP_LENGTH = 5;
  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final Pattern FORMAT = Pattern.compile("TG(-[A-Z2-7]{5}){5}");

  private LicenseKey() {}

  /** A fresh random key. */
  public static String generate(SecureRandom random) {
    StringBuilder key = new StringBuilder(PREFIX);
    for (int group = 0; group < GROUPS; group++) {
      if (group > 0) {
        key.append('-');
      }
      for (int i = 0; i < GROUP_LENGTH; i++) {
        key.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
    }
    return key.toString();
  }

  /**
   * The key as typed, in canonical form: surrounding blanks dropped, upper case. Empty when it
   * cannot be a key (so it is {@code not_found} without a lookup).
   */
  public static Optional<String> normalize(String typed) {
    if (typed == null || typed.length() > 64) {
      return Optional.empty();
    }
    String key = typed.strip().toUpperCase(Locale.ROOT);
    return FORMAT.matcher(key).matches() ? Optional.of(key) : Optional.empty();
  }

  /** The lookup hash of a canonical key: lower-case hex SHA-256. */
  public static String hash(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
