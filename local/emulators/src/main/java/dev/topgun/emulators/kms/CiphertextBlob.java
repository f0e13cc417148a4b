package dev.topgun.emulators.kms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The local KMS's ciphertext blob, version 1. KMS's own format is opaque and undocumented; callers
 * only store and return it, so the local one is free to differ:
 *
 * <pre>
 * offset  size  field
 * 0       1     format version, 0x01
 * 1       1     n, the length of the key id
 * 2       n     key id (ASCII; a UUID, 36 bytes)
 * 2+n     12    AES-GCM IV, random per encryption
 * 14+n    rest  AES-256-GCM ciphertext followed by its 16-byte tag
 * </pre>
 *
 * <p>The additional authenticated data is the header (bytes 0 to 2+n, so the key id cannot be
 * swapped) followed by the encryption context in canonical form ({@link #canonical}): a ciphertext
 * opens only under the key and the exact context it was made with, as in KMS.
 */
record CiphertextBlob(String keyId, byte[] iv, byte[] sealed) {

  static final byte VERSION = 1;
  static final int IV_BYTES = 12;
  static final int TAG_BYTES = 16;

  CiphertextBlob {
    if (keyId.isEmpty()
        || keyId.length() > 255
        || !StandardCharsets.US_ASCII.newEncoder().canEncode(keyId)) {
      throw new IllegalArgumentException("a key id is 1 to 255 ASCII characters");
    }
    if (iv.length != IV_BYTES || sealed.length < TAG_BYTES) {
      throw new IllegalArgumentException("an AES-GCM IV is 12 bytes and a sealed text at least 16");
    }
  }

  /** Bytes 0 to 2+n, the part of the blob that is authenticated but not encrypted. */
  byte[] header() {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] header = new byte[2 + id.length];
    header[0] = VERSION;
    header[1] = (byte) id.length;
    System.arraycopy(id, 0, header, 2, id.length);
    return header;
  }

  byte[] bytes() {
    byte[] header = header();
    return ByteBuffer.allocate(header.length + IV_BYTES + sealed.length)
        .put(header)
        .put(iv)
        .put(sealed)
        .array();
  }

  /** Empty when the bytes are not a version 1 blob; what KMS calls an invalid ciphertext. */
  static Optional<CiphertextBlob> parse(byte[] blob) {
    if (blob.length < 2 || blob[0] != VERSION) {
      return Optional.empty();
    }
    int idLength = Byte.toUnsignedInt(blob[1]);
    if (idLength == 0 || blob.length < 2 + idLength + IV_BYTES + TAG_BYTES) {
      return Optional.empty();
    }
    String keyId = new String(blob, 2, idLength, StandardCharsets.US_ASCII);
    int ivStart = 2 + idLength;
    return Optional.of(
        new CiphertextBlob(
            keyId,
            Arrays.copyOfRange(blob, ivStart, ivStart + IV_BYTES),
            Arrays.copyOfRange(blob, ivStart + IV_BYTES, blob.length)));
  }

  /**
   * The encryption context as bytes that do not depend on the order it was given in: the entries
   * sorted by key, each key and value as a 4-byte big-endian length and its UTF-8 bytes, after a
   * 4-byte count. Lengths make {@code {"ab":"c"}} and {@code {"a":"bc"}} differ.
   */
  static byte[] canonical(Map<String, String> context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, context.size());
    for (Map.Entry<String, String> entry : new TreeMap<>(context).entrySet()) {
      writeString(out, entry.getKey());
      writeString(out, entry.getValue());
    }
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeInt(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
  }
}
