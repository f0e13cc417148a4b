package dev.topgun.branding.generators;

import dev.topgun.branding.domain.BrandValidationException;
import dev.topgun.branding.domain.CheckedImage;
import dev.topgun.branding.domain.EffectiveBrand;
import dev.topgun.branding.domain.FaviconFiles;
import dev.topgun.branding.domain.Images;
import dev.topgun.branding.domain.StoredAsset;
import dev.topgun.branding.domain.Violation;
import dev.topgun.branding.images.DefaultAssets;
import dev.topgun.branding.images.FaviconSet;
import dev.topgun.branding.images.GeneratedFavicons;
import dev.topgun.branding.images.ImageFormat;
import dev.topgun.branding.images.ImageInspector;
import dev.topgun.branding.images.InspectedImage;
import dev.topgun.branding.images.InvalidImageException;
import dev.topgun.branding.images.WebAppManifest;
import dev.topgun.shared.branding.Favicon;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** The domain's image port over this package: checks by content, favicons, manifests, defaults. */
@Singleton
public class ImageChecks implements Images {

  private final DefaultAssets defaults = new DefaultAssets();

  @Override
  public CheckedImage check(byte[] bytes) {
    try {
      InspectedImage image = ImageInspector.inspect(bytes);
      return new CheckedImage(
          image.bytes(),
          image.format().mediaType(),
          image.format().extension(),
          image.width(),
          image.height());
    } catch (InvalidImageException e) {
      throw new BrandValidationException(
          "The image is refused: " + e.getMessage(),
          List.of(new Violation("image", e.getMessage())),
          e.reason());
    }
  }

  @Override
  public FaviconFiles favicons(CheckedImage source) {
    // Already inspected by check: rebuilt from what it found, not decoded and checked again.
    ImageFormat format =
        ImageFormat.ofMediaType(source.mediaType())
            .orElseThrow(() -> new IllegalArgumentException("not a checked image"));
    GeneratedFavicons set =
        FaviconSet.generate(
            new InspectedImage(format, source.width(), source.height(), source.bytes()));
    return new FaviconFiles(set.pngs(), set.ico());
  }

  @Override
  public Optional<StoredAsset> defaultAsset(String file) {
    return defaults.get(file).map(a -> new StoredAsset(a.bytes(), a.mediaType()));
  }

  @Override
  public String webManifest(EffectiveBrand brand, List<Favicon> icons) {
    return WebAppManifest.json(
        brand.platformName(),
        brand.shortName(),
        brand.colors().primary(),
        brand.colors().background(),
        icons);
  }
}
