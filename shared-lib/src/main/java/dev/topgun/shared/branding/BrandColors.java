package dev.topgun.shared.branding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A brand's colors: the light mode's six, and the dark mode's ({@code dark}). Each {@code #rrggbb}.
 * In an effective brand every color is set; in an organization's own brand any may be null
 * (inherited).
 */
@Serdeable
public record BrandColors(
    @Nullable String primary,
    @Nullable String secondary,
    @Nullable String accent,
    @Nullable String background,
    @Nullable String surface,
    @Nullable String text,
    @Nullable BrandPalette dark) {

  /** The light mode's six. */
  public BrandPalette light() {
    return new BrandPalette(primary, secondary, accent, background, surface, text);
  }

  public static BrandColors of(BrandPalette light, @Nullable BrandPalette dark) {
    return new BrandColors(
        light.primary(),
        light.secondary(),
        light.accent(),
        light.background(),
        light.surface(),
        light.text(),
        dark);
  }
}
