package dev.topgun.branding.theme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColorShadesTest {

  private static HexColor color(String hex) {
    return HexColor.parse(hex).orElseThrow();
  }

  @Test
  void hover_darkensByEightPointsOfLightness_keepingHueAndSaturation() {
    assertThat(ColorShades.hover(HexColor.WHITE)).hasToString("#ebebeb");
    assertThat(ColorShades.hover(color("#808080"))).hasToString("#6c6c6c");
    // hsl(221.2 83.2% 53.3%) -> hsl(221.2 83.2% 45.3%)
    assertThat(ColorShades.hover(color("#2563eb"))).hasToString("#1350d4");
  }

  @Test
  void hover_ofANearlyBlackColor_lightensInstead() {
    assertThat(ColorShades.hover(HexColor.BLACK)).hasToString("#141414");
    HexColor navy = color("#0b1120");

    assertThat(ColorShades.hover(navy).relativeLuminance()).isGreaterThan(navy.relativeLuminance());
  }

  @Test
  void on_isWhiteOnDarkColors_andBlackOnLightOnes() {
    assertThat(ColorShades.on(HexColor.BLACK)).isEqualTo(HexColor.WHITE);
    assertThat(ColorShades.on(color("#2563eb"))).isEqualTo(HexColor.WHITE);
    assertThat(ColorShades.on(HexColor.WHITE)).isEqualTo(HexColor.BLACK);
    assertThat(ColorShades.on(color("#fbbf24"))).isEqualTo(HexColor.BLACK);
  }

  @Test
  void on_reachesAAOnEveryColor() {
    for (int r = 0; r < 256; r += 15) {
      for (int g = 0; g < 256; g += 15) {
        for (int b = 0; b < 256; b += 15) {
          HexColor background = new HexColor(r, g, b);
          assertThat(ColorShades.on(background).contrastWith(background))
              .as("on %s", background)
              .isGreaterThanOrEqualTo(ContrastCheck.AA_NORMAL_TEXT);
        }
      }
    }
  }
}
