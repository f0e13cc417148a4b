package dev.topgun.branding.domain;

import java.util.List;

/** Image checks and generators (the {@code images} package). */
public interface Images {

  /**
   * The image, checked by its content.
   *
   * @throws BrandValidationException refused, the reason named (too large, not an image of an
   *     accepted type, truncated, a polyglot, an SVG with script, …)
   */
  CheckedImage check(byte[] bytes);

  /** The favicon set of {@code source}. */
  FaviconFiles favicons(CheckedImage source);

  /**
   * A default asset by file name ({@code logo.svg}, {@code favicon-32.png}, …), if there is one.
   */
  java.util.Optional<StoredAsset> defaultAsset(String file);

  /** The web app manifest of a brand, as JSON. */
  String webManifest(EffectiveBrand brand, List<dev.topgun.shared.branding.Favicon> icons);
}
