package dev.topgun.shared.branding;

import java.util.List;

/**
 * The operator's brand when the operator has set none: where every inheritance chain ends. Its
 * assets (a neutral mark without a name, so that a brand hiding its origin never falls back to a
 * name) are served by the branding function under {@value #ASSETS}.
 */
public final class BrandDefaults {

  public static final String PLATFORM_NAME = "Topgun";

  /** Where the default assets are served. */
  public static final String ASSETS = "/v1/branding/assets/default/";

  /** The favicon PNG sizes every brand has, in pixels. */
  public static final List<Integer> FAVICON_SIZES = List.of(16, 32, 48, 180, 192, 512);

  /** The font of a brand that names none: the platform's own UI font stack. */
  public static final String FONT_FAMILY = "system-ui";

  /**
   * Text on primary and on background reach WCAG AA (4.5:1) in both modes: no warning of its own.
   */
  public static final BrandPalette LIGHT =
      new BrandPalette("#3b82f6", "#475569", "#d97706", "#ffffff", "#f8fafc", "#0f172a");

  public static final BrandPalette DARK =
      new BrandPalette("#1d4ed8", "#94a3b8", "#fbbf24", "#0b1120", "#1e293b", "#e2e8f0");

  private BrandDefaults() {}

  public static BrandColors colors() {
    return BrandColors.of(LIGHT, DARK);
  }

  /** The default brand, its stylesheet served at {@code themeCssUrl}. */
  public static BrandManifest manifest(String themeCssUrl) {
    return new BrandManifest(
        PLATFORM_NAME,
        PLATFORM_NAME,
        colors(),
        FONT_FAMILY,
        themeCssUrl,
        ASSETS + "logo.svg",
        ASSETS + "logo-dark.svg",
        FAVICON_SIZES.stream().map(s -> new Favicon(s, ASSETS + "favicon-" + s + ".png")).toList(),
        ASSETS + "favicon.ico",
        ASSETS + "site.webmanifest",
        null,
        null,
        null,
        null,
        null,
        PLATFORM_NAME,
        null,
        false,
        null);
  }

  /** Where the default stylesheet is served (its content hash is the branding function's). */
  public static final String THEME_CSS_URL = "/v1/branding/css/default.css";
}
