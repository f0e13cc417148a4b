package dev.topgun.branding.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.BrandPalette;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HexColorTest {

  @Test
  void sixDigits_inAnyCase_areWrittenInLowerCase() {
    assertThat(HexColor.parse("#2563EB")).map(HexColor::toString).contains("#2563eb");
    assertThat(HexColor.parse("#2563eb")).contains(new HexColor(0x25, 0x63, 0xeb));
  }

  @Test
  void threeDigits_areExpandedToSix() {
    assertThat(HexColor.parse("#FfF")).map(HexColor::toString).contains("#ffffff");
    assertThat(HexColor.parse("#1a3")).map(HexColor::toString).contains("#11aa33");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"#", "2563eb", "#12345", "#1234567", "#12", "#ggg", " #fff", "#fff ", "blue"})
  void anythingElse_isNotAColor(String value) {
    assertThat(HexColor.parse(value)).isEmpty();
  }

  @Test
  void aMalformedColor_isRefusedNamingItsField() {
    assertThatThrownBy(() -> HexColor.of("colors.dark.accent", "rgb(0,0,0)"))
        .isInstanceOfSatisfying(
            ThemeInputException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ThemeInputException.INVALID_COLOR);
              assertThat(e.field()).isEqualTo("colors.dark.accent");
            });
  }

  @Test
  void aMissingColor_isRefusedNamingItsField() {
    assertThatThrownBy(() -> HexColor.of("colors.text", null))
        .isInstanceOfSatisfying(
            ThemeInputException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ThemeInputException.MISSING_COLOR);
              assertThat(e.field()).isEqualTo("colors.text");
            });
  }

  @Test
  void invalidFields_namesEveryMalformedColor_andNoUnsetOne() {
    BrandColors colors =
        new BrandColors(
            "#2563eb",
            "slate",
            null,
            "#fff",
            null,
            "#0f172a0",
            new BrandPalette(null, null, "#fbbf24", "navy", null, null));

    assertThat(HexColor.invalidFields(colors))
        .containsExactly("colors.secondary", "colors.text", "colors.dark.background");
  }

  @Test
  void normalize_writesEverySetColorWithSixLowerCaseDigits_andKeepsUnsetOnesUnset() {
    BrandColors colors =
        new BrandColors(
            "#ABC",
            null,
            "#D97706",
            "#fff",
            null,
            null,
            new BrandPalette("#60A5FA", null, null, null, null, "#E2E8F0"));

    BrandColors normalized = HexColor.normalize(colors);

    assertThat(normalized.light())
        .isEqualTo(new BrandPalette("#aabbcc", null, "#d97706", "#ffffff", null, null));
    assertThat(normalized.dark())
        .isEqualTo(new BrandPalette("#60a5fa", null, null, null, null, "#e2e8f0"));
  }
}
