package dev.topgun.branding.theme;

/**
 * The variants the stylesheet derives from each brand color: a hover shade and the color to write
 * on it.
 */
public final class ColorShades {

  /** How far, in HSL lightness (0..1), a hover shade moves from its color. */
  static final double HOVER_STEP = 0.08;

  /** Below this HSL lightness a color is too dark to darken visibly: its hover lightens instead. */
  static final double DARKEST_DARKENED = 0.2;

  private ColorShades() {}

  /**
   * {@code color} with its HSL lightness moved by {@value #HOVER_STEP}: darker, or lighter when the
   * color is already nearly black (lightness below {@value #DARKEST_DARKENED}). Hue and saturation
   * are kept.
   */
  public static HexColor hover(HexColor color) {
    double r = color.red() / 255.0;
    double g = color.green() / 255.0;
    double b = color.blue() / 255.0;
    double max = Math.max(r, Math.max(g, b));
    double min = Math.min(r, Math.min(g, b));
    double lightness = (max + min) / 2;
    double chroma = max - min;
    double hue = 0;
    double saturation = 0;
    if (chroma > 0) {
      saturation = chroma / (1 - Math.abs(2 * lightness - 1));
      if (max == r) {
        hue = ((g - b) / chroma) % 6;
      } else if (max == g) {
        hue = (b - r) / chroma + 2;
      } else {
        hue = (r - g) / chroma + 4;
      }
      hue = hue * 60;
      if (hue < 0) {
        hue += 360;
      }
    }
    double shifted =
        lightness < DARKEST_DARKENED
            ? Math.min(1, lightness + HOVER_STEP)
            : Math.max(0, lightness - HOVER_STEP);
    return fromHsl(hue, saturation, shifted);
  }

  /**
   * The text color for {@code background}: white or black, whichever has the higher WCAG contrast
   * with it (white when they tie). Either way the ratio is at least 4.58.
   */
  public static HexColor on(HexColor background) {
    return background.contrastWith(HexColor.WHITE) >= background.contrastWith(HexColor.BLACK)
        ? HexColor.WHITE
        : HexColor.BLACK;
  }

  private static HexColor fromHsl(double hue, double saturation, double lightness) {
    double chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
    double sector = hue / 60;
    double x = chroma * (1 - Math.abs(sector % 2 - 1));
    double r;
    double g;
    double b;
    if (sector < 1) {
      r = chroma;
      g = x;
      b = 0;
    } else if (sector < 2) {
      r = x;
      g = chroma;
      b = 0;
    } else if (sector < 3) {
      r = 0;
      g = chroma;
      b = x;
    } else if (sector < 4) {
      r = 0;
      g = x;
      b = chroma;
    } else if (sector < 5) {
      r = x;
      g = 0;
      b = chroma;
    } else {
      r = chroma;
      g = 0;
      b = x;
    }
    double m = lightness - chroma / 2;
    return new HexColor(channel(r + m), channel(g + m), channel(b + m));
  }

  private static int channel(double value) {
    return (int) Math.max(0, Math.min(255, Math.round(value * 255)));
  }
}
