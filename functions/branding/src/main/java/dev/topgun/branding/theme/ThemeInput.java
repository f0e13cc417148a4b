package dev.topgun.branding.theme;

import dev.topgun.shared.branding.BrandColors;
import java.util.function.Predicate;

/**
 * What one brand's stylesheet is made of.
 *
 * @param colors the effective brand's colors: all twelve set, {@code dark} included
 * @param fontFamily one of {@link FontFamily}'s names, as the brand stores it
 * @param customCss the brand's own CSS, or null for none
 * @param allowedUrl which URLs the custom CSS may load (its own assets: {@link AssetUrls#under});
 *     null allows none
 */
public record ThemeInput(
    BrandColors colors, String fontFamily, String customCss, Predicate<String> allowedUrl) {

  public ThemeInput {
    allowedUrl = allowedUrl == null ? AssetUrls.none() : allowedUrl;
  }
}
