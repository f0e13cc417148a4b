package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorPasswordTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @RepeatedTest(50)
  void generatedPassword_meetsThePoolPolicy() {
    // when
    String password = OperatorPassword.generate(RANDOM);

    // then
    assertThatCode(() -> OperatorPassword.check(password)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource({
    "Short1-, at least 12",
    "alllowercase1-x, upper case",
    "ALLUPPERCASE1-X, lower case",
    "NoDigitsHere-xx, digit",
    "NoSymbols12345x, symbol"
  })
  void weakPassword_isRefusedNamingWhatItLacks(String password, String lack) {
    // when / then
    assertThatThrownBy(() -> OperatorPassword.check(password))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(lack);
  }
}
