package dev.topgun.branding.domain;

import java.util.Optional;

/** Builds stylesheets (the {@code theme} package: CSS custom properties, sanitized custom CSS). */
public interface Themes {

  /** Why {@code family} is not on the safe list of fonts, if it is not. */
  Optional<String> fontProblem(String family);

  /**
   * The stylesheet of {@code brand}.
   *
   * @throws BrandValidationException the custom CSS holds what a stylesheet may not ({@code
   *     customCss}, each construct named)
   */
  Theme build(EffectiveBrand brand);
}
