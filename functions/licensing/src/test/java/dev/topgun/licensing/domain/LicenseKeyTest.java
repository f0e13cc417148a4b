package dev.topgun.licensing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LicenseKeyTest {

  @Test
  void keysAreTgAndFiveGroupsOfFiveBase32Characters_andDoNotRepeat() {
    SecureRandom random = new SecureRandom();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String key = LicenseKey.generate(random);
      assertThat(key).matches("TG(-[A-Z2-7]{5}){5}");
      assertThat(seen.add(key)).as("repeated %s", key).isTrue();
    }
  }

  @Test
  void aTypedKeyIsTrimmedAndUpperCased_anythingElseIsNoKey() {
    assertThat(LicenseKey.normalize("  tg-abcde-fghij-klmno-pqrst-uvwxy "))
        .contains("TG-ABCDE-FGHIJ-KLMNO-PQRST-UVWXY");
    assertThat(LicenseKey.normalize("TG-ABCDE-FGHIJ-KLMNO-PQRST")).isEmpty();
    assertThat(LicenseKey.normalize("TG-ABCD1-FGHIJ-KLMNO-PQRST-UVWXY")).isEmpty();
    assertThat(LicenseKey.normalize(null)).isEmpty();
    assertThat(LicenseKey.normalize("x".repeat(100))).isEmpty();
  }

  @Test
  void theLookupHashIsSha256Hex() {
    assertThat(LicenseKey.hash("TG-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA"))
        .hasSize(64)
        .matches("[0-9a-f]{64}")
        .isEqualTo(LicenseKey.hash("TG-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA"))
        .isNotEqualTo(LicenseKey.hash("TG-AAAAA-AAAAA-AAAAA-AAAAA-AAAAB"));
  }
}
