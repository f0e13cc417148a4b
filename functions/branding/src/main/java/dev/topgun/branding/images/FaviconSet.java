package dev.topgun.branding.images;

import dev.topgun.shared.branding.BrandDefaults;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A brand's favicons from one image: a PNG for each of {@link BrandDefaults#FAVICON_SIZES} and a
 * {@code favicon.ico} holding {@link #ICO_SIZES}, each fitted and centred on a transparent square.
 */
public final class FaviconSet {

  /** The sizes inside {@code favicon.ico}: what browsers and Windows pick from for tabs. */
  public static final List<Integer> ICO_SIZES = List.of(16, 32, 48);

  /** The type {@code favicon.ico} is served with. */
  public static final String ICO_MEDIA_TYPE = "image/x-icon";

  private FaviconSet() {}

  public static GeneratedFavicons generate(InspectedImage source) {
    Set<Integer> sizes = new LinkedHashSet<>(BrandDefaults.FAVICON_SIZES);
    sizes.addAll(ICO_SIZES);
    Map<Integer, byte[]> rendered = Rasterizer.pngs(source, sizes);
    byte[] ico =
        Ico.of(ICO_SIZES.stream().map(size -> new Ico.Image(size, rendered.get(size))).toList());
    Map<Integer, byte[]> pngs = new TreeMap<>();
    BrandDefaults.FAVICON_SIZES.forEach(size -> pngs.put(size, rendered.get(size)));
    return new GeneratedFavicons(pngs, ico);
  }
}
