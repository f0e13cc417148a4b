package dev.topgun.branding.images;

import dev.topgun.shared.branding.BrandDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The assets of the operator's default brand, served under {@link BrandDefaults#ASSETS}: a neutral
 * mark without a name (light and dark) and the favicons drawn from it. The logos are read when this
 * is made; the favicons are rendered on first use, once.
 */
public final class DefaultAssets {

  public static final String LOGO = "logo.svg";
  public static final String LOGO_DARK = "logo-dark.svg";
  public static final String ICO = "favicon.ico";

  static final String LOGO_RESOURCE = "/branding/default-logo.svg";
  static final String LOGO_DARK_RESOURCE = "/branding/default-logo-dark.svg";

  private final byte[] logo;
  private final byte[] logoDark;
  private final Function<InspectedImage, GeneratedFavicons> generator;
  private volatile GeneratedFavicons favicons;

  public DefaultAssets() {
    this(FaviconSet::generate);
  }

  DefaultAssets(Function<InspectedImage, GeneratedFavicons> generator) {
    this.logo = resource(LOGO_RESOURCE);
    this.logoDark = resource(LOGO_DARK_RESOURCE);
    this.generator = Objects.requireNonNull(generator);
  }

  /** The name of a PNG favicon of one size: {@code favicon-32.png}. */
  public static String faviconPng(int size) {
    return "favicon-" + size + ".png";
  }

  /** Every name {@link #get} knows, logos first. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(List.of(LOGO, LOGO_DARK));
    BrandDefaults.FAVICON_SIZES.forEach(size -> names.add(faviconPng(size)));
    names.add(ICO);
    return Collections.unmodifiableList(names);
  }

  /** The asset of that name ({@code logo.svg}, {@code favicon-192.png}, ...), if there is one. */
  public Optional<Asset> get(String name) {
    if (LOGO.equals(name)) {
      return Optional.of(new Asset(logo, ImageFormat.SVG.mediaType()));
    }
    if (LOGO_DARK.equals(name)) {
      return Optional.of(new Asset(logoDark, ImageFormat.SVG.mediaType()));
    }
    if (ICO.equals(name)) {
      return Optional.of(new Asset(favicons().ico(), FaviconSet.ICO_MEDIA_TYPE));
    }
    for (int size : BrandDefaults.FAVICON_SIZES) {
      if (faviconPng(size).equals(name)) {
        return Optional.of(new Asset(favicons().png(size), ImageFormat.PNG.mediaType()));
      }
    }
    return Optional.empty();
  }

  private GeneratedFavicons favicons() {
    GeneratedFavicons generated = favicons;
    if (generated == null) {
      synchronized (this) {
        generated = favicons;
        if (generated == null) {
          // The light mark: it sits on its own tile, so it reads on light and dark tabs alike.
          generated = generator.apply(ImageInspector.inspect(logo));
          favicons = generated;
        }
      }
    }
    return generated;
  }

  private static byte[] resource(String path) {
    try (InputStream in = DefaultAssets.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the default asset " + path + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
