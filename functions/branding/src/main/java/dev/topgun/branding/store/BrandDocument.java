package dev.topgun.branding.store;

import dev.topgun.branding.domain.AssetRef;
import dev.topgun.branding.domain.Brand;
import dev.topgun.branding.domain.FaviconRefs;
import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.Favicon;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** An own brand as the {@code own} attribute of its {@code BrandingItem} holds it (JSON). */
@Serdeable
record BrandDocument(
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
    @Nullable Boolean hideOriginBranding,
    @Nullable Asset logo,
    @Nullable Asset logoDark,
    @Nullable Asset favicon,
    @Nullable Favicons favicons) {

  @Serdeable
  record Asset(String url, String sha256, String mediaType) {}

  @Serdeable
  record Favicons(String sourceSha256, List<Favicon> pngs, String icoUrl) {}

  static BrandDocument of(Brand b) {
    return new BrandDocument(
        b.platformName(),
        b.shortName(),
        b.colors(),
        b.fontFamily(),
        b.customCss(),
        b.supportEmail(),
        b.supportUrl(),
        b.docsUrl(),
        b.termsUrl(),
        b.privacyUrl(),
        b.emailFromName(),
        b.emailReplyTo(),
        b.hideOriginBranding(),
        asset(b.logo()),
        asset(b.logoDark()),
        asset(b.favicon()),
        b.favicons() == null
            ? null
            : new Favicons(
                b.favicons().sourceSha256(), b.favicons().pngs(), b.favicons().icoUrl()));
  }

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
        ref(logo),
        ref(logoDark),
        ref(favicon),
        favicons == null
            ? null
            : new FaviconRefs(favicons.sourceSha256(), favicons.pngs(), favicons.icoUrl()));
  }

  private static Asset asset(AssetRef ref) {
    return ref == null ? null : new Asset(ref.url(), ref.sha256(), ref.mediaType());
  }

  private static AssetRef ref(Asset asset) {
    return asset == null ? null : new AssetRef(asset.url(), asset.sha256(), asset.mediaType());
  }
}
