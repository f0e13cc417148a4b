package dev.topgun.branding.theme;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The WCAG AA check of a brand's colors: text on primary and text on background, each mode. */
public final class ContrastCheck {

  /** The brand's text color on its primary color. */
  public static final String TEXT_ON_PRIMARY = "contrast_text_on_primary";

  /** The brand's text color on its background color. */
  public static final String TEXT_ON_BACKGROUND = "contrast_text_on_background";

  /** WCAG 2.x level AA, normal text (success criterion 1.4.3). */
  public static final double AA_NORMAL_TEXT = 4.5;

  private ContrastCheck() {}

  /**
   * The pairs below {@value #AA_NORMAL_TEXT}:1: light mode first, then dark; none when all pass.
   */
  static List<ContrastWarning> check(ThemePalette light, ThemePalette dark) {
    List<ContrastWarning> warnings = new ArrayList<>();
    check(warnings, "light", light);
    check(warnings, "dark", dark);
    return List.copyOf(warnings);
  }

  private static void check(List<ContrastWarning> warnings, String mode, ThemePalette palette) {
    check(warnings, TEXT_ON_PRIMARY, mode, "primary", palette.text(), palette.primary());
    check(warnings, TEXT_ON_BACKGROUND, mode, "background", palette.text(), palette.background());
  }

  /** {@code ratio} rounded half up to 2 decimals, as warnings report it. */
  public static double rounded(double ratio) {
    return BigDecimal.valueOf(ratio).setScale(2, RoundingMode.HALF_UP).doubleValue();
  }

  private static void check(
      List<ContrastWarning> warnings,
      String code,
      String mode,
      String under,
      HexColor text,
      HexColor background) {
    double ratio = text.contrastWith(background);
    if (ratio >= AA_NORMAL_TEXT) {
      return;
    }
    double shown = rounded(ratio);
    warnings.add(
        new ContrastWarning(
            code,
            mode,
            text.toString(),
            background.toString(),
            shown,
            String.format(
                Locale.ROOT,
                "In %s mode the text color %s on the %s color %s has a contrast of %.2f:1;"
                    + " WCAG AA asks for at least 4.5:1.",
                mode,
                text,
                under,
                background,
                shown)));
  }
}
