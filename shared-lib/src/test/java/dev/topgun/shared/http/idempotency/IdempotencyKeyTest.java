package dev.topgun.shared.http.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ProblemType;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

  @Test
  void aStructuredFieldStringLosesItsQuotes() {
    assertThat(IdempotencyFilter.parseKey("\"8e03978e-40d5-43e8-bc93-6894a57f9324\""))
        .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
  }

  @Test
  void upTo255PrintableCharactersAreAKey() {
    assertThat(IdempotencyFilter.parseKey("k".repeat(255))).hasSize(255);
    assertThat(IdempotencyFilter.parseKey("order 42 #retry")).isEqualTo("order 42 #retry");
  }

  @Test
  void emptyOverlongOrUnprintableKeysAreRefused() {
    for (String bad : new String[] {"", "\"\"", "k".repeat(256), "tab\tkey", "clé"}) {
      assertThatThrownBy(() -> IdempotencyFilter.parseKey(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ProblemException.class,
              e ->
                  assertThat(e.problem().type())
                      .isEqualTo(ProblemType.IDEMPOTENCY_KEY_INVALID.uri()));
    }
  }

  @Test
  void escapingKeepsTheKeySeparatorOutAndCannotCollide() {
    assertThat(IdempotencyFilter.escape("a#b")).isEqualTo("a%23b");
    assertThat(IdempotencyFilter.escape("a%23b")).isEqualTo("a%2523b");
  }

  @Test
  void theFingerprintCoversMethodPathAndBody() {
    String base = Fingerprints.request("POST", "/v1/x", "{}".getBytes());
    assertThat(base).matches("[0-9a-f]{64}");
    assertThat(Fingerprints.request("PUT", "/v1/x", "{}".getBytes())).isNotEqualTo(base);
    assertThat(Fingerprints.request("POST", "/v1/y", "{}".getBytes())).isNotEqualTo(base);
    assertThat(Fingerprints.request("POST", "/v1/x", "{ }".getBytes())).isNotEqualTo(base);
    assertThat(Fingerprints.request("POST", "/v1/x", "{}".getBytes())).isEqualTo(base);
  }
}
