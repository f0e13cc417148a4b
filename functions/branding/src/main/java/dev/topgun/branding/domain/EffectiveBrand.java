package dev.topgun.branding.domain;

import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.Favicon;
import java.util.List;

/**
 * An organization's brand as its users see it: every field resolved ({@link Inheritance}). Asset
 * URLs are absolute paths; {@code customCss} and the links may be null (none anywhere).
 */
public record EffectiveBrand(
    String platformName,
    String shortName,
    BrandColors colors,
    String fontFamily,
    String customCss,
    String supportEmail,
    String supportUrl,
    String docsUrl,
    String termsUrl,
    String privacyUrl,
    String emailFromName,
    String emailReplyTo,
    boolean hideOriginBranding,
    String logoUrl,
    String logoDarkUrl,
    List<Favicon> favicons,
    String faviconIcoUrl) {

  public EffectiveBrand {
    favicons = List.copyOf(favicons);
  }

  /** The URLs a stylesheet of this brand may refer to: its own assets. */
  public List<String> assetUrls() {
    List<String> urls = new java.util.ArrayList<>();
    urls.add(logoUrl);
    urls.add(logoDarkUrl);
    urls.add(faviconIcoUrl);
    favicons.forEach(f -> urls.add(f.url()));
    return urls;
  }
}
