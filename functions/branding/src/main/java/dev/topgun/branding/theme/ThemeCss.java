package dev.topgun.branding.theme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stylesheet of an effective brand: CSS custom properties for every color of both modes, with a
 * hover shade and an "on" color (the text color to write on it) for each and for its hover shade,
 * the font stack, and the brand's custom CSS after them. Nothing in it names the platform: every
 * property starts with {@code --brand-}.
 *
 * <p>Light mode is {@code :root}'s; dark mode applies when the reader's system prefers it ({@code
 * prefers-color-scheme}) unless the console pins light ({@code data-theme="light"}), and wherever
 * the console pins dark ({@code data-theme="dark"}, on the root or on any element).
 *
 * <p>The same input gives the same bytes, and so the same {@link BuiltTheme#hash()}.
 */
public final class ThemeCss {

  /** The prefix of every custom property the stylesheet defines. */
  public static final String PREFIX = "--brand-";

  private ThemeCss() {}

  /**
   * The stylesheet of {@code input}.
   *
   * @throws ThemeInputException for a missing or malformed color (naming it) or an unknown font
   * @throws CustomCssRefusedException when the custom CSS must be refused
   */
  public static BuiltTheme build(ThemeInput input) {
    if (input.colors() == null) {
      throw new ThemeInputException(
          ThemeInputException.MISSING_COLOR, "colors", "colors is required.");
    }
    ThemePalette light = ThemePalette.of("colors.", input.colors().light());
    ThemePalette dark = ThemePalette.of("colors.dark.", input.colors().dark());
    FontFamily font = FontFamily.named(input.fontFamily());
    SanitizedCss custom = CustomCss.sanitize(input.customCss(), input.allowedUrl());

    StringBuilder css = new StringBuilder(2048 + custom.css().length());
    css.append(":root {\n");
    declare(css, "  ", "font-family", font.stack());
    css.append("}\n");
    css.append(":root,\nbody {\n  font-family: var(").append(PREFIX).append("font-family);\n}\n");
    css.append(":root,\n[data-theme=\"light\"] {\n");
    palette(css, "  ", "light", light);
    css.append("}\n");
    css.append("@media (prefers-color-scheme: dark) {\n");
    css.append("  :root:not([data-theme=\"light\"]) {\n");
    palette(css, "    ", "dark", dark);
    css.append("  }\n}\n");
    css.append("[data-theme=\"dark\"] {\n");
    palette(css, "  ", "dark", dark);
    css.append("}\n");
    if (!custom.css().isEmpty()) {
      css.append(custom.css()).append('\n');
    }
    String text = css.toString();
    return new BuiltTheme(text, hash(text), ContrastCheck.check(light, dark), custom.removed());
  }

  /** The first 32 hex digits of the SHA-256 of {@code css}'s UTF-8 bytes. */
  public static String hash(String css) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static void palette(StringBuilder css, String indent, String scheme, ThemePalette p) {
    css.append(indent).append("color-scheme: ").append(scheme).append(";\n");
    for (int i = 0; i < ThemePalette.NAMES.size(); i++) {
      String name = ThemePalette.NAMES.get(i);
      HexColor color = p.colors().get(i);
      HexColor hover = ColorShades.hover(color);
      declare(css, indent, name, color.toString());
      declare(css, indent, name + "-hover", hover.toString());
      declare(css, indent, "on-" + name, ColorShades.on(color).toString());
      declare(css, indent, "on-" + name + "-hover", ColorShades.on(hover).toString());
    }
  }

  private static void declare(StringBuilder css, String indent, String name, String value) {
    css.append(indent).append(PREFIX).append(name).append(": ").append(value).append(";\n");
  }
}
