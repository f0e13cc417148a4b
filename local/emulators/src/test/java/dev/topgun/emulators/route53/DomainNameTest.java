package dev.topgun.emulators.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

class DomainNameTest {

  @ParameterizedTest
  @CsvSource({
    "www.Example.TEST, www.example.test.",
    "www.example.test., www.example.test.",
    "*.example.test, \\052.example.test.",
    "\\052.example.test, \\052.example.test.",
    "a@b.example.test, a\\100b.example.test.",
    "_acme-challenge.example.test, _acme-challenge.example.test.",
    "\\101bc.example.test, abc.example.test."
  })
  void aName_isKeptInRoute53sForm(String given, String kept) {
    // when
    DomainName name = DomainName.parse(given);

    // then
    assertThat(name.text()).isEqualTo(kept);
  }

  @Test
  void aWildcardWrittenEitherWay_isOneWildcardName() {
    // when
    DomainName star = DomainName.parse("*.example.test");
    DomainName escaped = DomainName.parse("\\052.EXAMPLE.test.");

    // then
    assertThat(star).isEqualTo(escaped);
    assertThat(star.isWildcard()).isTrue();
    assertThat(star.dns()).isEqualTo(Name.fromConstantString("*.example.test."));
    assertThat(DomainName.parse("a*.example.test").isWildcard()).isFalse();
  }

  @Test
  void aNameFromAQuery_isLowerCased() {
    // when
    DomainName name = DomainName.of(Name.fromConstantString("WWW.Example.Test."));

    // then
    assertThat(name.text()).isEqualTo("www.example.test.");
  }

  @Test
  void aLabelOfSixtyFourBytes_isRefusedWithRoute53sProblem() {
    // given
    String name = "a".repeat(64) + ".example.test";

    // when / then
    assertThatThrownBy(() -> DomainName.parse(name))
        .isInstanceOfSatisfying(
            DomainName.InvalidNameException.class,
            e ->
                assertThat(e.problem(name))
                    .isEqualTo(
                        "FATAL problem: DomainLabelTooLong (Domain label is too long) encountered"
                            + " with '"
                            + name
                            + "'"));
  }

  @Test
  void aNameLongerThan255Bytes_andEmptyLabels_areRefused() {
    // given
    String label = "a".repeat(63);
    String tooLong = String.join(".", label, label, label, label) + ".test";

    // when / then
    assertThatThrownBy(() -> DomainName.parse(tooLong)).hasMessage("Domain name is too long");
    assertThatThrownBy(() -> DomainName.parse("www..example.test"))
        .hasMessage("Domain label is empty");
    assertThatThrownBy(() -> DomainName.parse("")).hasMessage("Domain name is empty");
  }

  @Test
  void names_sortWithTheirLabelsReversed_asRoute53ListsThem() {
    // given
    List<DomainName> names = new ArrayList<>();
    for (String name :
        List.of(
            "www.example.test",
            "example.test",
            "a.b.example.test",
            "www-2.example.test",
            "b.example.test",
            "other.test")) {
      names.add(DomainName.parse(name));
    }

    // when
    names.sort(null);

    // then: "test.example." < "test.example.b." < "test.example.b.a." < "test.example.www-2."
    // < "test.example.www." ('-' sorts before '.') < "test.other."
    assertThat(names.stream().map(DomainName::text))
        .containsExactly(
            "example.test.",
            "b.example.test.",
            "a.b.example.test.",
            "www-2.example.test.",
            "www.example.test.",
            "other.test.");
  }
}
