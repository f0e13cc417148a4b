package dev.topgun.branding.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostnameNamesTest {

  @Test
  void anIdn_isTakenInPunycode_lowerCase_withoutTheTrailingDot() {
    assertThat(HostnameNames.canonical("Panel.Bücher.Example."))
        .isEqualTo("panel.xn--bcher-kva.example");
  }

  @Test
  void anOrdinaryName_staysAsItIs() {
    assertThat(HostnameNames.canonical("panel.acme.test")).isEqualTo("panel.acme.test");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.10",
        "[2001:db8::1]",
        "2001:db8::1",
        "bad_label.example.test",
        "-x.example.test",
        "x-.example.test",
        "single",
        "a..b.test",
        "localhost",
        "panel.localhost",
        "host.123",
        ""
      })
  void notAClaimableHostname_isRefusedNamingTheField(String input) {
    assertThatThrownBy(() -> HostnameNames.canonical(input))
        .isInstanceOf(BrandValidationException.class)
        .satisfies(
            e ->
                assertThat(((BrandValidationException) e).violations())
                    .extracting(Violation::field)
                    .containsExactly("hostname"));
  }

  @Test
  void aLabelLongerThan63_isRefused() {
    assertThatThrownBy(() -> HostnameNames.canonical("a".repeat(64) + ".example.test"))
        .isInstanceOf(BrandValidationException.class);
  }
}
