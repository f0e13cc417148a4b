package dev.topgun.licensing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainBindingTest {

  @ParameterizedTest
  @CsvSource({
    "Panel.Example.COM, panel.example.com",
    "panel.example.com., panel.example.com",
    "  shop.example.net  , shop.example.net",
    "bücher.example, xn--bcher-kva.example"
  })
  void hostNamesCompareInLowerCaseAsciiWithoutTheTrailingDot(String typed, String canonical) {
    assertThat(DomainBinding.normalize(typed)).contains(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "localhost",
        "not a host",
        "-a.example.com",
        "a..example.com",
        "a_b.example.com",
        "http://example.com"
      })
  void whatIsNoHostNameIsRefused(String typed) {
    assertThat(DomainBinding.normalize(typed)).isEmpty();
  }

  @Test
  void aWildcardIsOneLabelUnderADomainOfTwoLabelsAtLeast() {
    assertThat(DomainBinding.normalizePattern("*.Example.com")).contains("*.example.com");
    assertThat(DomainBinding.normalizePattern("*.com")).isEmpty();
    assertThat(DomainBinding.normalizePattern("a.*.example.com")).isEmpty();
  }

  @Test
  void aWildcardMatchesExactlyOneLabel() {
    List<String> allowed = List.of("*.example.com", "panel.example.org");
    assertThat(DomainBinding.allows(allowed, "shop.example.com")).isTrue();
    assertThat(DomainBinding.allows(allowed, "example.com")).isFalse();
    assertThat(DomainBinding.allows(allowed, "a.b.example.com")).isFalse();
    assertThat(DomainBinding.allows(allowed, "badexample.com")).isFalse();
    assertThat(DomainBinding.allows(allowed, "panel.example.org")).isTrue();
    assertThat(DomainBinding.allows(allowed, "x.panel.example.org")).isFalse();
  }

  @Test
  void aLicenseWithoutDomainsIsNotBound() {
    assertThat(DomainBinding.allows(List.of(), "anything.example")).isTrue();
  }
}
