package dev.topgun.branding.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The WCAG 2.x relative luminance and contrast ratio, against values WCAG's own tools give. */
class ContrastTest {

  private static HexColor color(String hex) {
    return HexColor.parse(hex).orElseThrow();
  }

  @Test
  void blackOnWhite_is21To1_inEitherOrder() {
    assertThat(HexColor.BLACK.contrastWith(HexColor.WHITE)).isEqualTo(21.0);
    assertThat(HexColor.WHITE.contrastWith(HexColor.BLACK)).isEqualTo(21.0);
  }

  @Test
  void aColorOnItself_is1To1() {
    assertThat(color("#2563eb").contrastWith(color("#2563eb"))).isEqualTo(1.0);
  }

  @Test
  void relativeLuminance_runsFromBlackToWhite() {
    assertThat(HexColor.BLACK.relativeLuminance()).isZero();
    assertThat(HexColor.WHITE.relativeLuminance()).isEqualTo(1.0, within(1e-12));
    // Pure green weighs most, blue least (0.7152, 0.2126, 0.0722).
    assertThat(color("#00ff00").relativeLuminance()).isEqualTo(0.7152, within(1e-12));
    assertThat(color("#ff0000").relativeLuminance()).isEqualTo(0.2126, within(1e-12));
    assertThat(color("#0000ff").relativeLuminance()).isEqualTo(0.0722, within(1e-12));
  }

  @Test
  void gray777OnWhite_isJustBelowAA() {
    double ratio = color("#777777").contrastWith(HexColor.WHITE);

    assertThat(ratio).isLessThan(ContrastCheck.AA_NORMAL_TEXT);
    assertThat(ContrastCheck.rounded(ratio)).isEqualTo(4.48);
  }

  @Test
  void gray767676OnWhite_isTheLightestGrayThatPassesAA() {
    assertThat(ContrastCheck.rounded(color("#767676").contrastWith(HexColor.WHITE)))
        .isEqualTo(4.54);
    assertThat(color("#777777").contrastWith(HexColor.WHITE))
        .isLessThan(ContrastCheck.AA_NORMAL_TEXT);
  }

  @Test
  void knownBrandPairs_matchWcagCalculators() {
    assertThat(ContrastCheck.rounded(color("#2563eb").contrastWith(HexColor.WHITE)))
        .isEqualTo(5.17);
    assertThat(ContrastCheck.rounded(color("#ffff00").contrastWith(HexColor.WHITE)))
        .isEqualTo(1.07);
  }
}
