package dev.topgun.branding.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code BrandingChanged} (version 1): an organization's own brand was set, given an asset, or
 * removed ({@code change}: {@code updated}, {@code logo}, {@code logo-dark}, {@code favicon},
 * {@code deleted}). Its descendants' brands are rebuilt on it; {@code themeCssUrl} is the
 * organization's stylesheet after the change.
 */
@Serdeable
public record BrandingChangedV1(
    String organizationId,
    String change,
    @Nullable String themeCssUrl,
    boolean hideOriginBranding) {

  public static final String TYPE = "BrandingChanged";
}
