package dev.topgun.shared.http.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 fingerprints of requests and credentials. */
final class Fingerprints {

  private Fingerprints() {}

  /** SHA-256 over method, path (with query) and body, each part delimited so none can bleed. */
  static String request(String method, String pathAndQuery, byte[] body) {
    MessageDigest digest = sha256();
    digest.update(method.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
    digest.update(pathAndQuery.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
    digest.update(body);
    return HexFormat.of().formatHex(digest.digest());
  }

  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
