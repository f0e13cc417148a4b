package dev.topgun.branding.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.topgun.shared.branding.BrandPalette;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContrastCheckTest {

  private static ThemePalette palette(String primary, String background, String text) {
    return ThemePalette.of(
        "colors.", new BrandPalette(primary, "#475569", "#d97706", background, "#f8fafc", text));
  }

  private static final ThemePalette PASSING_DARK = palette("#000000", "#000000", "#ffffff");

  @Test
  void pairsAtOrAboveAA_giveNoWarning() {
    ThemePalette light = palette("#ffffff", "#ffffff", "#000000");

    assertThat(ContrastCheck.check(light, PASSING_DARK)).isEmpty();
  }

  @Test
  void textOnBackgroundBelowAA_isWarnedWithItsRatioRoundedAndItsMode() {
    ThemePalette light = palette("#000000", "#ffffff", "#777777");

    List<ContrastWarning> warnings = ContrastCheck.check(light, PASSING_DARK);

    assertThat(warnings).hasSize(1);
    ContrastWarning warning = warnings.get(0);
    assertThat(warning.code()).isEqualTo("contrast_text_on_background");
    assertThat(warning.mode()).isEqualTo("light");
    assertThat(warning.ratio()).isEqualTo(4.48);
    assertThat(warning.foreground()).isEqualTo("#777777");
    assertThat(warning.background()).isEqualTo("#ffffff");
    assertThat(warning.message()).contains("light mode", "#777777", "4.48:1", "4.5:1");
  }

  @Test
  void textOnPrimaryBelowAA_isWarnedInTheDarkMode() {
    ThemePalette dark = palette("#60a5fa", "#0b1120", "#e2e8f0");
    ThemePalette light = palette("#ffffff", "#ffffff", "#000000");

    List<ContrastWarning> warnings = ContrastCheck.check(light, dark);

    assertThat(warnings)
        .extracting(ContrastWarning::code, ContrastWarning::mode, ContrastWarning::ratio)
        .containsExactly(tuple("contrast_text_on_primary", "dark", 2.06));
  }

  @Test
  void everyFailingPair_isWarned_lightModeFirst() {
    ThemePalette light = palette("#eeeeee", "#ffffff", "#ffff00");
    ThemePalette dark = palette("#111111", "#000000", "#222222");

    assertThat(ContrastCheck.check(light, dark))
        .extracting(w -> w.mode() + " " + w.code())
        .containsExactly(
            "light contrast_text_on_primary",
            "light contrast_text_on_background",
            "dark contrast_text_on_primary",
            "dark contrast_text_on_background");
  }
}
