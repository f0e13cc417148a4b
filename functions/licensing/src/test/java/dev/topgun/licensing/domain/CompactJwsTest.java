package dev.topgun.licensing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactJwsTest {

  static final byte[] PAYLOAD =
      "{\"id\":\"L1\",\"tier\":\"basic\"}".getBytes(StandardCharsets.UTF_8);

  static KeyPair ed25519() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  @Test
  void signsAndVerifiesUnderTheKeyItsKidNames() throws Exception {
    KeyPair key = ed25519();
    KeyPair other = ed25519();
    String jws = CompactJws.sign(key.getPrivate(), "k1", PAYLOAD);
    assertThat(CompactJws.kid(jws)).contains("k1");
    assertThat(CompactJws.verify(jws, Map.of("k1", key.getPublic())::get)).hasValue(PAYLOAD);
    assertThat(CompactJws.verify(jws, Map.of("k1", other.getPublic())::get)).isEmpty();
    assertThat(CompactJws.verify(jws, Map.of("k2", key.getPublic())::get)).isEmpty();
  }

  @Test
  void everyChangedByteFailsVerification() throws Exception {
    KeyPair key = ed25519();
    String jws = CompactJws.sign(key.getPrivate(), "k1", PAYLOAD);
    for (int i = 0; i < jws.length(); i++) {
      char c = jws.charAt(i);
      if (c == '.') {
        continue;
      }
      String changed = jws.substring(0, i) + (c == 'A' ? 'B' : 'A') + jws.substring(i + 1);
      assertThat(CompactJws.verify(changed, Map.of("k1", key.getPublic())::get))
          .as("byte %d changed", i)
          .isEmpty();
    }
  }

  @Test
  void aSignatureSpelledWithOtherUnusedBitsIsRefused() throws Exception {
    KeyPair key = ed25519();
    String jws = CompactJws.sign(key.getPrivate(), "k1", PAYLOAD);
    // 64 bytes are 86 base64url characters: the last one's 4 low bits carry nothing, so flipping
    // its lowest bit decodes to the same signature — a second spelling that must not verify.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = jws.charAt(jws.length() - 1);
    char other = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String respelled = jws.substring(0, jws.length() - 1) + other;
    assertThat(Base64.getUrlDecoder().decode(respelled.split("\\.")[2]))
        .isEqualTo(Base64.getUrlDecoder().decode(jws.split("\\.")[2]));
    assertThat(CompactJws.verify(respelled, Map.of("k1", key.getPublic())::get)).isEmpty();
  }

  @Test
  void anotherAlgorithmOrAMalformedDocumentIsRefused() throws Exception {
    KeyPair key = ed25519();
    String jws = CompactJws.sign(key.getPrivate(), "k1", PAYLOAD);
    String[] parts = jws.split("\\.");
    String none =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"alg\":\"none\",\"kid\":\"k1\",\"typ\":\"license+jws\"}"
                    .getBytes(StandardCharsets.UTF_8));
    assertThat(CompactJws.verify(none + "." + parts[1] + ".", Map.of("k1", key.getPublic())::get))
        .isEmpty();
    assertThat(CompactJws.verify(parts[0] + "." + parts[1], Map.of("k1", key.getPublic())::get))
        .isEmpty();
    assertThat(CompactJws.verify("not.a.jws", Map.of("k1", key.getPublic())::get)).isEmpty();
    assertThat(CompactJws.verify(null, Map.of("k1", key.getPublic())::get)).isEmpty();
  }

  @Test
  void rawPublicKeysRoundTripAsJwkX() throws Exception {
    KeyPair key = ed25519();
    byte[] x = CompactJws.rawPublicKey(key.getPublic());
    assertThat(x).hasSize(32);
    assertThat(CompactJws.publicKey(x)).isEqualTo(key.getPublic());
  }
}
