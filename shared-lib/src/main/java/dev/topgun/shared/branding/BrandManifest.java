package dev.topgun.shared.branding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An effective brand as everything outside the branding function sees it: the manifest the console
 * boots with ({@code GET /v1/branding/resolve}) and what every mail is branded with. Every field
 * but the support links, the reply-to address and {@code organization} is set. URLs are absolute
 * paths (served by the API's host, or the web distribution in AWS) or absolute URLs.
 *
 * <p>The branding function builds it (its own brand over its ancestors', field by field, ending at
 * {@link BrandDefaults}) and stores it on the organization's {@link BrandingItem}; {@link
 * BrandManifests} reads it.
 */
@Serdeable
public record BrandManifest(
    String platformName,
    String shortName,
    BrandColors colors,
    String fontFamily,
    String themeCssUrl,
    String logoUrl,
    String logoDarkUrl,
    List<Favicon> favicons,
    String faviconIcoUrl,
    String manifestUrl,
    @Nullable String supportEmail,
    @Nullable String supportUrl,
    @Nullable String docsUrl,
    @Nullable String termsUrl,
    @Nullable String privacyUrl,
    String emailFromName,
    @Nullable String emailReplyTo,
    boolean hideOriginBranding,
    @Nullable BrandOrganization organization) {

  public BrandManifest {
    favicons = favicons == null ? List.of() : List.copyOf(favicons);
  }

  /** The same brand, said to belong to {@code owner}. */
  public BrandManifest belongingTo(@Nullable BrandOrganization owner) {
    return new BrandManifest(
        platformName,
        shortName,
        colors,
        fontFamily,
        themeCssUrl,
        logoUrl,
        logoDarkUrl,
        favicons,
        faviconIcoUrl,
        manifestUrl,
        supportEmail,
        supportUrl,
        docsUrl,
        termsUrl,
        privacyUrl,
        emailFromName,
        emailReplyTo,
        hideOriginBranding,
        owner);
  }
}
