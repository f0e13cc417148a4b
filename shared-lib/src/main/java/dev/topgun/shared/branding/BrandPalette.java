package dev.topgun.shared.branding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Six colors of one mode, each {@code #rrggbb}; in an organization's own brand any may be null. */
@Serdeable
public record BrandPalette(
    @Nullable String primary,
    @Nullable String secondary,
    @Nullable String accent,
    @Nullable String background,
    @Nullable String surface,
    @Nullable String text) {}
