package dev.topgun.branding.theme;

import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.BrandPalette;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An sRGB color written {@code #rrggbb}: what every brand color is. {@link #parse} also takes the
 * short {@code #rgb} and either case, and {@link #toString()} always writes six lower-case digits.
 */
public record HexColor(int red, int green, int blue) {

  public static final HexColor WHITE = new HexColor(255, 255, 255);
  public static final HexColor BLACK = new HexColor(0, 0, 0);

  public HexColor {
    if (red < 0 || red > 255 || green < 0 || green > 255 || blue < 0 || blue > 255) {
      throw new IllegalArgumentException("channels are 0..255");
    }
  }

  /** {@code #rrggbb} or {@code #rgb}, any case; empty for anything else (null included). */
  public static Optional<HexColor> parse(String value) {
    if (value == null || value.isEmpty() || value.charAt(0) != '#') {
      return Optional.empty();
    }
    String digits = value.substring(1);
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        return Optional.empty();
      }
    }
    if (digits.length() == 3) {
      return Optional.of(
          new HexColor(
              Character.digit(digits.charAt(0), 16) * 17,
              Character.digit(digits.charAt(1), 16) * 17,
              Character.digit(digits.charAt(2), 16) * 17));
    }
    if (digits.length() == 6) {
      int rgb = Integer.parseInt(digits, 16);
      return Optional.of(new HexColor(rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff));
    }
    return Optional.empty();
  }

  /**
   * The color {@code value} of the input {@code field}.
   *
   * @throws ThemeInputException ({@link ThemeInputException#MISSING_COLOR} or {@link
   *     ThemeInputException#INVALID_COLOR}) naming {@code field}
   */
  public static HexColor of(String field, String value) {
    if (value == null) {
      throw new ThemeInputException(
          ThemeInputException.MISSING_COLOR, field, field + " is required.");
    }
    return parse(value)
        .orElseThrow(
            () ->
                new ThemeInputException(
                    ThemeInputException.INVALID_COLOR,
                    field,
                    field + " must be a color written #rrggbb (or #rgb)."));
  }

  /**
   * The fields of {@code colors} that are set but are not colors, as paths ({@code colors.accent},
   * {@code colors.dark.text}), in the order the brand lists them. Unset fields are not reported: in
   * an organization's own brand they are inherited.
   */
  public static List<String> invalidFields(BrandColors colors) {
    List<String> invalid = new ArrayList<>();
    if (colors == null) {
      return invalid;
    }
    collectInvalid("colors.", colors.light(), invalid);
    if (colors.dark() != null) {
      collectInvalid("colors.dark.", colors.dark(), invalid);
    }
    return invalid;
  }

  /**
   * {@code colors} with every set color written {@code #rrggbb} in lower case; unset ones stay
   * unset.
   *
   * @throws ThemeInputException for the first set field that is not a color
   */
  public static BrandColors normalize(BrandColors colors) {
    BrandPalette light = normalize("colors.", colors.light());
    BrandPalette dark = colors.dark() == null ? null : normalize("colors.dark.", colors.dark());
    return BrandColors.of(light, dark);
  }

  /** {@code #rrggbb}, lower case. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
  }

  /** WCAG 2.x relative luminance: 0 for black, 1 for white. */
  public double relativeLuminance() {
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
  }

  /** WCAG 2.x contrast ratio with {@code other}, from 1 (none) to 21 (black on white). */
  public double contrastWith(HexColor other) {
    double a = relativeLuminance();
    double b = other.relativeLuminance();
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  private static double linear(int channel) {
    double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  private static void collectInvalid(String prefix, BrandPalette palette, List<String> invalid) {
    List<String> values = ThemePalette.values(palette);
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) != null && parse(values.get(i)).isEmpty()) {
        invalid.add(prefix + ThemePalette.NAMES.get(i));
      }
    }
  }

  private static BrandPalette normalize(String prefix, BrandPalette palette) {
    List<String> values = ThemePalette.values(palette);
    String[] out = new String[values.size()];
    for (int i = 0; i < out.length; i++) {
      String value = values.get(i);
      out[i] = value == null ? null : of(prefix + ThemePalette.NAMES.get(i), value).toString();
    }
    return new BrandPalette(out[0], out[1], out[2], out[3], out[4], out[5]);
  }
}
