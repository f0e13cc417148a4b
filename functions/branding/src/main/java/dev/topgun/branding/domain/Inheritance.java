package dev.topgun.branding.domain;

import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.branding.BrandPalette;
import dev.topgun.shared.branding.Favicon;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How a brand is inherited: an organization's own fields over its nearest ancestor's, field by
 * field, ending at the operator's brand ({@link BrandDefaults}). Three rules keep the result
 * coherent and keep a hidden origin hidden:
 *
 * <ul>
 *   <li>A brand that sets {@code hideOriginBranding} cuts the chain: nothing set above it (names,
 *       links, logos, CSS) shows through; what it leaves unset falls to the neutral defaults (the
 *       default assets carry no name), and the platform's name never does, because such a brand
 *       must name itself ({@link BrandRules}). Its descendants cannot undo it.
 *   <li>Names go together: a short name or sender name set farther up than the platform name is not
 *       used; the platform name stands in for it.
 *   <li>A dark logo set farther up than the logo is not used; the logo stands in for it.
 * </ul>
 */
public final class Inheritance {

  private Inheritance() {}

  /**
   * The effective brand of an organization whose own brand and its ancestors' are {@code
   * nearestFirst} (the organization's first; null where one has none).
   */
  public static EffectiveBrand effective(List<Brand> nearestFirst) {
    List<Brand> chain = visible(nearestFirst);
    int nameLevel = level(chain, Brand::platformName);
    String platformName = nearest(chain, Brand::platformName, BrandDefaults.PLATFORM_NAME);
    String shortName = coherent(chain, Brand::shortName, nameLevel, platformName);
    String fromName = coherent(chain, Brand::emailFromName, nameLevel, platformName);
    BrandPalette light =
        new BrandPalette(
            color(chain, BrandColors::primary, BrandDefaults.LIGHT.primary()),
            color(chain, BrandColors::secondary, BrandDefaults.LIGHT.secondary()),
            color(chain, BrandColors::accent, BrandDefaults.LIGHT.accent()),
            color(chain, BrandColors::background, BrandDefaults.LIGHT.background()),
            color(chain, BrandColors::surface, BrandDefaults.LIGHT.surface()),
            color(chain, BrandColors::text, BrandDefaults.LIGHT.text()));
    BrandPalette dark =
        new BrandPalette(
            dark(chain, BrandPalette::primary, BrandDefaults.DARK.primary()),
            dark(chain, BrandPalette::secondary, BrandDefaults.DARK.secondary()),
            dark(chain, BrandPalette::accent, BrandDefaults.DARK.accent()),
            dark(chain, BrandPalette::background, BrandDefaults.DARK.background()),
            dark(chain, BrandPalette::surface, BrandDefaults.DARK.surface()),
            dark(chain, BrandPalette::text, BrandDefaults.DARK.text()));
    int logoLevel = level(chain, Brand::logo);
    AssetRef logo = nearest(chain, Brand::logo, null);
    int darkLevel = level(chain, Brand::logoDark);
    AssetRef logoDark =
        darkLevel >= 0 && darkLevel <= logoLevel ? chain.get(darkLevel).logoDark() : null;
    if (logoDark == null && logoLevel < 0) {
      logoDark = nearest(chain, Brand::logoDark, null);
    }
    FaviconRefs favicons = nearest(chain, Brand::favicons, null);
    String logoUrl = logo != null ? logo.url() : BrandDefaults.ASSETS + "logo.svg";
    String logoDarkUrl =
        logoDark != null
            ? logoDark.url()
            : logo != null ? logo.url() : BrandDefaults.ASSETS + "logo-dark.svg";
    List<Favicon> pngs =
        favicons != null
            ? favicons.pngs()
            : BrandDefaults.FAVICON_SIZES.stream()
                .map(s -> new Favicon(s, BrandDefaults.ASSETS + "favicon-" + s + ".png"))
                .toList();
    String ico = favicons != null ? favicons.icoUrl() : BrandDefaults.ASSETS + "favicon.ico";
    return new EffectiveBrand(
        platformName,
        shortName,
        BrandColors.of(light, dark),
        nearest(chain, Brand::fontFamily, BrandDefaults.FONT_FAMILY),
        nearest(chain, Brand::customCss, null),
        nearest(chain, Brand::supportEmail, null),
        nearest(chain, Brand::supportUrl, null),
        nearest(chain, Brand::docsUrl, null),
        nearest(chain, Brand::termsUrl, null),
        nearest(chain, Brand::privacyUrl, null),
        fromName,
        nearest(chain, Brand::emailReplyTo, null),
        chain.stream().anyMatch(Brand::hidesOrigin),
        logoUrl,
        logoDarkUrl,
        pngs,
        ico);
  }

  /** The brands that show through: up to and including the nearest that decides to hide. */
  private static List<Brand> visible(List<Brand> nearestFirst) {
    List<Brand> chain = new ArrayList<>();
    for (Brand brand : nearestFirst) {
      if (brand == null) {
        continue;
      }
      chain.add(brand);
      if (brand.hidesOrigin()) {
        break;
      }
    }
    return chain;
  }

  private static <T> int level(List<Brand> chain, Function<Brand, T> field) {
    for (int i = 0; i < chain.size(); i++) {
      if (field.apply(chain.get(i)) != null) {
        return i;
      }
    }
    return -1;
  }

  private static <T> T nearest(List<Brand> chain, Function<Brand, T> field, T fallback) {
    int level = level(chain, field);
    return level < 0 ? fallback : field.apply(chain.get(level));
  }

  /** The nearest value set no farther up than {@code limit}; else {@code fallback}. */
  private static String coherent(
      List<Brand> chain, Function<Brand, String> field, int limit, String fallback) {
    int level = level(chain, field);
    if (level < 0 || (limit >= 0 && level > limit)) {
      return fallback;
    }
    return field.apply(chain.get(level));
  }

  private static String color(
      List<Brand> chain, Function<BrandColors, String> field, String fallback) {
    for (Brand brand : chain) {
      if (brand.colors() != null && field.apply(brand.colors()) != null) {
        return field.apply(brand.colors());
      }
    }
    return fallback;
  }

  private static String dark(
      List<Brand> chain, Function<BrandPalette, String> field, String fallback) {
    for (Brand brand : chain) {
      if (brand.colors() != null
          && brand.colors().dark() != null
          && field.apply(brand.colors().dark()) != null) {
        return field.apply(brand.colors().dark());
      }
    }
    return fallback;
  }
}
