package dev.topgun.branding.theme;

import dev.topgun.shared.branding.BrandPalette;
import java.util.Arrays;
import java.util.List;

/** One mode's six colors, each checked: the generator's view of a {@link BrandPalette}. */
record ThemePalette(
    HexColor primary,
    HexColor secondary,
    HexColor accent,
    HexColor background,
    HexColor surface,
    HexColor text) {

  /** The six names, in the order of {@link BrandPalette}'s fields and of the stylesheet. */
  static final List<String> NAMES =
      List.of("primary", "secondary", "accent", "background", "surface", "text");

  /**
   * Every color of {@code palette}, which must all be set ({@code prefix} + name is the field a
   * refusal names).
   *
   * @throws ThemeInputException for the first missing or malformed color
   */
  static ThemePalette of(String prefix, BrandPalette palette) {
    if (palette == null) {
      throw new ThemeInputException(
          ThemeInputException.MISSING_COLOR,
          prefix.substring(0, prefix.length() - 1),
          prefix.substring(0, prefix.length() - 1) + " is required.");
    }
    List<String> values = values(palette);
    HexColor[] colors = new HexColor[NAMES.size()];
    for (int i = 0; i < colors.length; i++) {
      colors[i] = HexColor.of(prefix + NAMES.get(i), values.get(i));
    }
    return new ThemePalette(colors[0], colors[1], colors[2], colors[3], colors[4], colors[5]);
  }

  /** The six values of {@code palette} in {@link #NAMES} order, null where unset. */
  static List<String> values(BrandPalette palette) {
    return Arrays.asList(
        palette.primary(),
        palette.secondary(),
        palette.accent(),
        palette.background(),
        palette.surface(),
        palette.text());
  }

  /** The six colors in {@link #NAMES} order. */
  List<HexColor> colors() {
    return List.of(primary, secondary, accent, background, surface, text);
  }
}
