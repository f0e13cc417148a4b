package dev.topgun.branding.domain;

import dev.topgun.shared.branding.BrandColors;

/**
 * An organization's own brand: every field may be null, meaning "as my nearest ancestor's". The
 * text fields are set with {@code PUT …/branding} (which replaces them all); the assets with their
 * upload routes (a PUT of the fields keeps them).
 */
public record Brand(
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
    Boolean hideOriginBranding,
    AssetRef logo,
    AssetRef logoDark,
    AssetRef favicon,
    FaviconRefs favicons) {

  /** No own field at all: the organization shows its ancestors' brand. */
  public static final Brand INHERITED =
      new Brand(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null);

  /** These fields, with the assets of {@code current}. */
  public Brand withAssetsOf(Brand current) {
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
        current.logo,
        current.logoDark,
        current.favicon,
        current.favicons);
  }

  /** This brand with {@code ref} as its asset for {@code role}, and {@code set} as its favicons. */
  public Brand withAsset(AssetRole role, AssetRef ref, FaviconRefs set) {
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
        role == AssetRole.LOGO ? ref : logo,
        role == AssetRole.LOGO_DARK ? ref : logoDark,
        role == AssetRole.FAVICON ? ref : favicon,
        set);
  }

  public AssetRef asset(AssetRole role) {
    return switch (role) {
      case LOGO -> logo;
      case LOGO_DARK -> logoDark;
      case FAVICON -> favicon;
    };
  }

  /** Whether {@code hideOriginBranding} is asked for (true, not inherited). */
  public boolean hidesOrigin() {
    return Boolean.TRUE.equals(hideOriginBranding);
  }
}
