package dev.topgun.shared.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * What {@link Envelope#seal} returns: the data key as KMS encrypted it, and the payload encrypted
 * under that data key with AES-256-GCM. It holds nothing secret and may be stored as it is, e.g. in
 * a DynamoDB attribute ({@link #encode()}, a base64url string, or {@link #toBytes()}).
 *
 * <p>Format, version 1:
 *
 * <pre>
 * offset  size  field
 * 0       1     format version, 0x01
 * 1       2     n, the length of the encrypted data key (unsigned, big-endian)
 * 3       n     the encrypted data key (KMS's CiphertextBlob; names the KMS key)
 * 3+n     12    AES-GCM IV
 * 15+n    rest  AES-256-GCM ciphertext of the payload followed by its 16-byte tag
 * </pre>
 *
 * The payload's additional authenticated data is bytes 0 to 3+n followed by the encryption context
 * in canonical form, so neither the data key nor the context can be exchanged.
 */
public final class Sealed {

  static final byte VERSION = 1;
  static final int IV_BYTES = 12;
  static final int TAG_BYTES = 16;

  private final byte[] encryptedKey;
  private final byte[] iv;
  private final byte[] ciphertext;

  Sealed(byte[] encryptedKey, byte[] iv, byte[] ciphertext) {
    if (encryptedKey.length == 0 || encryptedKey.length > 0xFFFF) {
      throw new IllegalArgumentException("an encrypted data key is 1 to 65535 bytes");
    }
    if (iv.length != IV_BYTES || ciphertext.length < TAG_BYTES) {
      throw new IllegalArgumentException("an AES-GCM IV is 12 bytes and a ciphertext at least 16");
    }
    this.encryptedKey = encryptedKey.clone();
    this.iv = iv.clone();
    this.ciphertext = ciphertext.clone();
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a sealed value of a known version
   */
  public static Sealed fromBytes(byte[] bytes) {
    if (bytes.length < 3 || bytes[0] != VERSION) {
      throw new IllegalArgumentException("not a sealed value (unknown format or version)");
    }
    int keyLength = Short.toUnsignedInt(ByteBuffer.wrap(bytes, 1, 2).getShort());
    if (keyLength == 0 || bytes.length < 3 + keyLength + IV_BYTES + TAG_BYTES) {
      throw new IllegalArgumentException("not a sealed value (truncated)");
    }
    int ivStart = 3 + keyLength;
    return new Sealed(
        Arrays.copyOfRange(bytes, 3, ivStart),
        Arrays.copyOfRange(bytes, ivStart, ivStart + IV_BYTES),
        Arrays.copyOfRange(bytes, ivStart + IV_BYTES, bytes.length));
  }

  /**
   * @throws IllegalArgumentException when the text is not what {@link #encode()} gives
   */
  public static Sealed decode(String encoded) {
    return fromBytes(Base64.getUrlDecoder().decode(encoded));
  }

  public byte[] toBytes() {
    byte[] header = header();
    return ByteBuffer.allocate(header.length + IV_BYTES + ciphertext.length)
        .put(header)
        .put(iv)
        .put(ciphertext)
        .array();
  }

  /** Base64url without padding of {@link #toBytes()}. */
  public String encode() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(toBytes());
  }

  /** Bytes 0 to 3+n: authenticated with the payload, not encrypted. */
  byte[] header() {
    return ByteBuffer.allocate(3 + encryptedKey.length)
        .put(VERSION)
        .putShort((short) encryptedKey.length)
        .put(encryptedKey)
        .array();
  }

  byte[] encryptedKey() {
    return encryptedKey.clone();
  }

  byte[] iv() {
    return iv.clone();
  }

  byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sealed sealed && Arrays.equals(toBytes(), sealed.toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return "Sealed[" + ciphertext.length + " bytes]";
  }
}
