package dev.topgun.branding.api;

import dev.topgun.branding.domain.Brand;
import dev.topgun.shared.branding.BrandColors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code PUT /v1/organizations/{orgId}/branding}: the organization's own fields, all of them (an
 * absent field is inherited). The rules are the domain's ({@code BrandRules}), checked once.
 */
@Serdeable
public record BrandRequest(
    @Nullable String platformName,
    @Nullable String shortName,
    @Nullable BrandColors colors,
    @Nullable String fontFamily,
    @Nullable String customCss,
    @Nullable String supportEmail,
    @Nullable String supportUrl,
    @Nullable String docsUrl,
    @Nullable String termsUrl,
    @Nullable String privacyUrl,
    @Nullable String emailFromName,
    @Nullable String emailReplyTo,
    @Nullable Boolean hideOriginBranding) {

  Brand brand() {
    return new Brand(
        platformName,
        shortName,
        colors,
        fontFamily,
        customCss,
        supportEmail,
        supportUrl,
        docsUrl,
        termsUrl,
        privacyUrl,
        emailFromName,
        emailReplyTo,
        hideOriginBranding,
        null,
        null,
        null,
        null);
  }
}
