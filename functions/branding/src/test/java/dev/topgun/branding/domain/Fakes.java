package dev.topgun.branding.domain;

import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.branding.Favicon;
import dev.topgun.shared.store.Revision;
import dev.topgun.shared.store.VersionConflictException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory ports for the branding service's tests. */
final class Fakes {

  private Fakes() {}

  /** Brands in memory, with optimistic locking and the events each change recorded. */
  static final class MemoryBrands implements Brands {
    final Map<String, StoredBrand> brands = new HashMap<>();
    final Map<String, List<String>> ancestors = new HashMap<>();
    final List<BrandChange> changes = new ArrayList<>();

    @Override
    public Map<String, StoredBrand> of(List<String> orgIds) {
      Map<String, StoredBrand> found = new HashMap<>();
      orgIds.forEach(id -> Optional.ofNullable(brands.get(id)).ifPresent(b -> found.put(id, b)));
      return found;
    }

    @Override
    public void save(
        String orgId, Brand own, BrandManifest manifest, StoredBrand read, BrandChange change) {
      StoredBrand current = brands.get(orgId);
      long version = current == null ? 0 : current.revision().version();
      if (version != read.revision().version()) {
        throw new VersionConflictException(
            new dev.topgun.shared.store.ItemKey("ORG#" + orgId, "BRANDING"),
            read.revision().version(),
            version);
      }
      brands.put(orgId, new StoredBrand(orgId, own, manifest, new Revision(version + 1, "t")));
      changes.add(change);
    }

    @Override
    public void delete(StoredBrand read, BrandChange change) {
      brands.remove(read.orgId());
      changes.add(change);
    }

    @Override
    public void refresh(StoredBrand read, BrandManifest manifest) {
      brands.put(
          read.orgId(),
          new StoredBrand(
              read.orgId(),
              read.own(),
              manifest,
              new Revision(read.revision().version() + 1, "t")));
    }

    @Override
    public List<String> descendantsWithBrands(String orgId) {
      return ancestors.entrySet().stream()
          .filter(e -> e.getValue().contains(orgId) && brands.containsKey(e.getKey()))
          .map(Map.Entry::getKey)
          .toList();
    }

    @Override
    public List<String> ancestors(String orgId) {
      return ancestors.getOrDefault(orgId, List.of());
    }
  }

  /** Files in memory; {@link #lose} makes one unreadable. */
  static final class MemoryAssets implements AssetStore {
    final Map<String, StoredAsset> files = new HashMap<>();

    @Override
    public void put(String owner, String file, byte[] bytes, String mediaType) {
      files.put(owner + "/" + file, new StoredAsset(bytes, mediaType));
    }

    @Override
    public Optional<StoredAsset> get(String owner, String file) {
      return Optional.ofNullable(files.get(owner + "/" + file));
    }

    @Override
    public boolean exists(String owner, String file) {
      return files.containsKey(owner + "/" + file);
    }

    void lose(String url) {
      AssetPath path = AssetPath.parse(url).orElseThrow();
      files.remove(path.owner() + "/" + path.file());
    }
  }

  /** A stylesheet that lists the colors; custom CSS holding "@import" is refused. */
  static final class SimpleThemes implements Themes {
    @Override
    public Optional<String> fontProblem(String family) {
      return family.equals("Comic Sans")
          ? Optional.of("is not on the safe list")
          : Optional.empty();
    }

    @Override
    public Theme build(EffectiveBrand brand) {
      if (brand.customCss() != null && brand.customCss().contains("@import")) {
        throw BrandValidationException.of("customCss", "@import is not allowed");
      }
      String css =
          ":root{--brand-primary:"
              + brand.colors().primary()
              + "}"
              + (brand.customCss() == null ? "" : brand.customCss());
      String hash = Hashes.sha256(css.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
      return new Theme(css, hash, List.of(), List.of());
    }
  }

  /** Images whose first byte says what they are: 'P' a PNG, anything else refused. */
  static final class SimpleImages implements Images {
    int faviconSets;

    @Override
    public CheckedImage check(byte[] bytes) {
      if (bytes.length == 0 || bytes[0] != 'P') {
        throw BrandValidationException.of("image", "is not a PNG, JPEG, WebP or SVG image");
      }
      return new CheckedImage(bytes, "image/png", "png", 10, 10);
    }

    @Override
    public FaviconFiles favicons(CheckedImage source) {
      faviconSets++;
      Map<Integer, byte[]> pngs = new HashMap<>();
      dev.topgun.shared.branding.BrandDefaults.FAVICON_SIZES.forEach(
          s -> pngs.put(s, ("png" + s).getBytes(StandardCharsets.UTF_8)));
      return new FaviconFiles(pngs, "ico".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<StoredAsset> defaultAsset(String file) {
      return file.equals("logo.svg")
          ? Optional.of(new StoredAsset("<svg/>".getBytes(StandardCharsets.UTF_8), "image/svg+xml"))
          : Optional.empty();
    }

    @Override
    public String webManifest(EffectiveBrand brand, List<Favicon> icons) {
      return "{\"name\":\"" + brand.platformName() + "\"}";
    }
  }
}
