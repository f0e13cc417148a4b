package dev.topgun.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealedTest {

  static final byte[] KEY = {1, 2, 3, 4, 5};
  static final byte[] IV = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 7};
  static final byte[] TEXT = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26};

  @Test
  void encodeThenDecode_givesBackEveryPart() {
    // given
    Sealed sealed = new Sealed(KEY, IV, TEXT);

    // when
    Sealed decoded = Sealed.decode(sealed.encode());

    // then
    assertThat(decoded.encryptedKey()).isEqualTo(KEY);
    assertThat(decoded.iv()).isEqualTo(IV);
    assertThat(decoded.ciphertext()).isEqualTo(TEXT);
    assertThat(Sealed.fromBytes(sealed.toBytes())).isEqualTo(sealed);
  }

  @Test
  void bytes_followTheDocumentedLayout() {
    // when
    byte[] bytes = new Sealed(KEY, IV, TEXT).toBytes();

    // then
    assertThat(bytes[0]).isEqualTo((byte) 1);
    assertThat(Arrays.copyOfRange(bytes, 1, 3)).containsExactly(0, 5);
    assertThat(Arrays.copyOfRange(bytes, 3, 8)).isEqualTo(KEY);
    assertThat(Arrays.copyOfRange(bytes, 8, 20)).isEqualTo(IV);
    assertThat(Arrays.copyOfRange(bytes, 20, bytes.length)).isEqualTo(TEXT);
  }

  @Test
  void anotherVersionOrTruncatedBytes_areRefused() {
    byte[] bytes = new Sealed(KEY, IV, TEXT).toBytes();
    byte[] otherVersion = bytes.clone();
    otherVersion[0] = 2;

    assertThatThrownBy(() -> Sealed.fromBytes(otherVersion))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> Sealed.fromBytes(Arrays.copyOf(bytes, bytes.length - 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void canonicalContext_ignoresOrder_butSeparatesKeysFromValues() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");

    assertThat(Envelope.canonical(ab)).isEqualTo(Envelope.canonical(ba));
    assertThat(Envelope.canonical(Map.of("ab", "c")))
        .isNotEqualTo(Envelope.canonical(Map.of("a", "bc")));
  }

  @Test
  void toString_showsNoBytes() {
    assertThat(new Sealed(KEY, IV, TEXT).toString()).isEqualTo("Sealed[17 bytes]");
  }
}
