package dev.topgun.licensing.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Signed license documents: JWS compact serialization (RFC 7515) with {@code alg} {@code EdDSA}
 * over Ed25519 (RFC 8037), the JDK's own implementation. The protected header is exactly {@code
 * {"alg":"EdDSA","kid":<kid>,"typ":"license+jws"}}; the payload is the license as JSON.
 */
public final class CompactJws {

  public static final String ALG = "EdDSA";
  public static final String TYP = "license+jws";
  private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern HEADER =
      Pattern.compile(
          "\\{\"alg\":\"EdDSA\",\"kid\":\"([A-Za-z0-9_-]{1,64})\",\"typ\":\"license\\+jws\"}");

  /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32-byte key follows. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private CompactJws() {}

  /** Signs {@code payload} (UTF-8 JSON) under {@code kid}. */
  public static String sign(PrivateKey key, String kid, byte[] payload) {
    if (!KID.matcher(kid).matches()) {
      throw new IllegalArgumentException("a kid is 1-64 base64url characters");
    }
    String header = "{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\",\"typ\":\"" + TYP + "\"}";
    String signingInput =
        B64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(payload);
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** The {@code kid} of a document's header, if it is a license document's header at all. */
  public static Optional<String> kid(String compact) {
    String[] parts = split(compact);
    if (parts == null) {
      return Optional.empty();
    }
    try {
      var matcher = HEADER.matcher(new String(canonical(parts[0]), StandardCharsets.UTF_8));
      return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The payload of a document whose signature verifies under the key its {@code kid} names, or
   * empty: a malformed document, an unknown {@code kid}, another algorithm, or any byte changed.
   */
  public static Optional<byte[]> verify(String compact, Function<String, PublicKey> keys) {
    Optional<String> kid = kid(compact);
    if (kid.isEmpty()) {
      return Optional.empty();
    }
    PublicKey key = keys.apply(kid.get());
    if (key == null) {
      return Optional.empty();
    }
    String[] parts = split(compact);
    try {
      byte[] signature = canonical(parts[2]);
      byte[] payload = canonical(parts[1]);
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (signature.length != 64 || !verifier.verify(signature)) {
        return Optional.empty();
      }
      return Optional.of(payload);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** The raw 32-byte Ed25519 public key (a JWK's {@code x}) of a JDK public key. */
  public static byte[] rawPublicKey(PublicKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded.length != X509_PREFIX.length + 32
        || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
  }

  /** A JDK public key from a raw 32-byte Ed25519 key (a JWK's {@code x}). */
  public static PublicKey publicKey(byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
    }
    byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
    System.arraycopy(raw, 0, encoded, X509_PREFIX.length, 32);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  /**
   * Base64url without padding, in its one canonical spelling: the JDK decoder ignores the unused
   * low bits of the last character, so two spellings would otherwise decode alike and a document
   * could be altered without its signature failing.
   */
  private static byte[] canonical(String part) {
    byte[] bytes = B64D.decode(part);
    if (!B64.encodeToString(bytes).equals(part)) {
      throw new IllegalArgumentException("not canonical base64url");
    }
    return bytes;
  }

  private static String[] split(String compact) {
    if (compact == null || compact.length() > 64 * 1024) {
      return null;
    }
    String[] parts = compact.split("\\.", -1);
    return parts.length == 3 ? parts : null;
  }
}
