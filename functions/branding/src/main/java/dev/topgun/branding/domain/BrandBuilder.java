package dev.topgun.branding.domain;

import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.branding.BrandManifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds what an effective brand is served as — its stylesheet, its web app manifest and the
 * manifest the console boots with — and stores the files. Built once per change, never per request.
 * An asset that cannot be read any more is left out, so the brand falls back to the nearest
 * ancestor's (then the default); a stylesheet whose inherited custom CSS no longer builds is built
 * without it.
 */
public final class BrandBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(BrandBuilder.class);

  /** Where stylesheets are stored in the asset store. */
  public static final String CSS_OWNER = "css";

  private final Themes themes;
  private final Images images;
  private final AssetStore assets;
  private volatile Built defaults;

  public BrandBuilder(Themes themes, Images images, AssetStore assets) {
    this.themes = themes;
    this.images = images;
    this.assets = assets;
  }

  /** An effective brand, built: the manifest (without organization) and its stylesheet. */
  public record Built(EffectiveBrand effective, BrandManifest manifest, Theme theme) {}

  /**
   * Builds the brand of the first organization of {@code lineage} (ids nearest first) whose own
   * brand is {@code own}, over the stored brands of the others.
   *
   * @param strictCss whether custom CSS of {@code own} that does not build is refused (a change)
   *     rather than left out (a rebuild)
   */
  public Built build(
      List<String> lineage, Brand own, Map<String, StoredBrand> stored, boolean strictCss) {
    List<Brand> chain = new ArrayList<>();
    chain.add(readable(lineage.get(0), own));
    for (String id : lineage.subList(1, lineage.size())) {
      StoredBrand brand = stored.get(id);
      chain.add(brand == null ? null : readable(id, brand.own()));
    }
    EffectiveBrand effective = Inheritance.effective(chain);
    Theme theme;
    try {
      theme = themes.build(effective);
    } catch (BrandValidationException e) {
      if (strictCss && own.customCss() != null) {
        throw e;
      }
      LOG.warn("The custom CSS of {}'s brand no longer builds; built without it", lineage.get(0));
      theme = themes.build(withoutCss(effective));
    }
    assets.put(
        CSS_OWNER, theme.hash() + ".css", theme.css().getBytes(StandardCharsets.UTF_8), "text/css");
    String webManifest = images.webManifest(effective, effective.favicons());
    byte[] manifestBytes = webManifest.getBytes(StandardCharsets.UTF_8);
    String manifestFile = "site-" + Hashes.sha256(manifestBytes).substring(0, 16) + ".webmanifest";
    assets.put(lineage.get(0), manifestFile, manifestBytes, "application/manifest+json");
    return new Built(
        effective,
        manifest(effective, theme, "/v1/branding/assets/" + lineage.get(0) + "/" + manifestFile),
        theme);
  }

  /** The operator's default brand, built once. */
  public Built defaults() {
    Built built = defaults;
    if (built == null) {
      EffectiveBrand effective = Inheritance.effective(List.of());
      Theme theme = themes.build(effective);
      built =
          new Built(
              effective,
              manifest(effective, theme, BrandDefaults.ASSETS + "site.webmanifest"),
              theme);
      defaults = built;
    }
    return built;
  }

  /** The default web app manifest, as served. */
  public String defaultWebManifest() {
    EffectiveBrand effective = defaults().effective();
    return images.webManifest(effective, effective.favicons());
  }

  private static BrandManifest manifest(EffectiveBrand e, Theme theme, String manifestUrl) {
    return new BrandManifest(
        e.platformName(),
        e.shortName(),
        e.colors(),
        e.fontFamily(),
        theme.url(),
        e.logoUrl(),
        e.logoDarkUrl(),
        e.favicons(),
        e.faviconIcoUrl(),
        manifestUrl,
        e.supportEmail(),
        e.supportUrl(),
        e.docsUrl(),
        e.termsUrl(),
        e.privacyUrl(),
        e.emailFromName(),
        e.emailReplyTo(),
        e.hideOriginBranding(),
        null);
  }

  /** {@code brand} without the assets of {@code orgId} that cannot be read. */
  private Brand readable(String orgId, Brand brand) {
    if (brand == null) {
      return null;
    }
    Brand kept = brand;
    for (AssetRole role : AssetRole.values()) {
      AssetRef ref = brand.asset(role);
      if (ref != null && !exists(ref)) {
        LOG.warn(
            "The {} of {}'s brand cannot be read; its ancestors' shows instead",
            role.path(),
            orgId);
        kept = kept.withAsset(role, null, kept.favicons());
      }
    }
    if (kept.favicons() != null
        && kept.favicons().pngs().stream().anyMatch(f -> !exists(f.url()))) {
      kept = kept.withAsset(AssetRole.FAVICON, kept.favicon(), null);
    }
    return kept;
  }

  private boolean exists(AssetRef ref) {
    return exists(ref.url());
  }

  private boolean exists(String url) {
    AssetPath path = AssetPath.parse(url).orElse(null);
    return path != null && assets.exists(path.owner(), path.file());
  }

  private static EffectiveBrand withoutCss(EffectiveBrand e) {
    return new EffectiveBrand(
        e.platformName(),
        e.shortName(),
        e.colors(),
        e.fontFamily(),
        null,
        e.supportEmail(),
        e.supportUrl(),
        e.docsUrl(),
        e.termsUrl(),
        e.privacyUrl(),
        e.emailFromName(),
        e.emailReplyTo(),
        e.hideOriginBranding(),
        e.logoUrl(),
        e.logoDarkUrl(),
        e.favicons(),
        e.faviconIcoUrl());
  }
}
