package dev.topgun.branding.domain;

import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.store.VersionConflictException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rules of brands: set (validated, the stylesheet built and the manifest stored with the
 * change), give an asset (checked by content; a logo or favicon regenerates the favicon set),
 * return to inheritance, read (own and effective), resolve a host, and rebuild the descendants of a
 * changed brand (the warm-up after {@code BrandingChanged}).
 */
public final class BrandingService {

  private static final int ATTEMPTS = 4;

  private final Brands brands;
  private final BrandBuilder builder;
  private final Images images;
  private final AssetStore assets;
  private final Themes themes;
  private final HostBrands hosts;

  public BrandingService(
      Brands brands,
      BrandBuilder builder,
      Images images,
      AssetStore assets,
      Themes themes,
      HostBrands hosts) {
    this.brands = brands;
    this.builder = builder;
    this.images = images;
    this.assets = assets;
    this.themes = themes;
    this.hosts = hosts;
  }

  /** The organization's own brand and its effective brand. */
  public BrandView view(Target target) {
    Map<String, StoredBrand> stored = brands.of(target.lineage());
    StoredBrand own = stored.getOrDefault(target.orgId(), StoredBrand.none(target.orgId()));
    return new BrandView(
        own.own(), effective(target, stored), effectiveCss(target, stored), List.of(), List.of());
  }

  /** Replaces the organization's own fields (its assets stay). */
  public BrandView set(Target target, Brand fields, AuditContext audit) {
    Brand checked = BrandRules.check(fields, themes);
    return write(
        target,
        current -> checked.withAssetsOf(current.own()),
        "branding.updated",
        "updated",
        audit);
  }

  /** Stores an image as the brand's {@code role}: checked by its content, content-addressed. */
  public BrandView upload(Target target, AssetRole role, byte[] bytes, AuditContext audit) {
    CheckedImage image = images.check(bytes);
    String sha = Hashes.sha256(image.bytes());
    String file = role.path() + "-" + sha.substring(0, 16) + "." + image.extension();
    assets.put(target.orgId(), file, image.bytes(), image.mediaType());
    AssetRef ref =
        new AssetRef(AssetPath.PREFIX + target.orgId() + "/" + file, sha, image.mediaType());
    return write(
        target,
        current -> {
          Brand own = current.own();
          FaviconRefs set = own.favicons();
          boolean fromThis =
              role == AssetRole.FAVICON || (role == AssetRole.LOGO && own.favicon() == null);
          if (fromThis) {
            set = favicons(target.orgId(), sha, image, set);
          }
          return own.withAsset(role, ref, set);
        },
        "branding." + role.path() + "-uploaded",
        role.path(),
        audit);
  }

  /** The organization inherits its brand again. */
  public BrandView reset(Target target, AuditContext audit) {
    return retry(
        () -> {
          Map<String, StoredBrand> stored = brands.of(target.lineage());
          StoredBrand current = stored.get(target.orgId());
          if (current != null) {
            brands.delete(
                current, change(audit, "branding.deleted", target.orgId(), "deleted", null, false));
            stored.remove(target.orgId());
          }
          return new BrandView(
              Brand.INHERITED,
              effective(target, stored),
              effectiveCss(target, stored),
              List.of(),
              List.of());
        });
  }

  /** The brand a request to {@code hostname} gets; the default for a host nobody verified. */
  public BrandManifest resolve(String hostname) {
    Optional<BrandManifest> brand = hostname == null ? Optional.empty() : hosts.forHost(hostname);
    return brand.orElseGet(() -> builder.defaults().manifest());
  }

  /**
   * Rebuilds the brands below {@code orgId} that have their own (their manifests embed what they
   * inherit): the warm-up after its brand changed. Returns how many were rebuilt.
   */
  public int rebuildDescendants(String orgId) {
    int rebuilt = 0;
    for (String id : brands.descendantsWithBrands(orgId)) {
      if (rebuild(id)) {
        rebuilt++;
      }
    }
    return rebuilt;
  }

  /**
   * After {@code orgId} moved: its own brand (if it has one) and its descendants' are rebuilt over
   * their new ancestors. Returns how many were rebuilt.
   */
  public int rebuildSubtree(String orgId) {
    int rebuilt = rebuild(orgId) ? 1 : 0;
    return rebuilt + rebuildDescendants(orgId);
  }

  private boolean rebuild(String id) {
    return retry(
        () -> {
          Target target = new Target(id, brands.ancestors(id));
          Map<String, StoredBrand> stored = brands.of(target.lineage());
          StoredBrand current = stored.get(id);
          if (current == null) {
            return false;
          }
          BrandBuilder.Built built = builder.build(target.lineage(), current.own(), stored, false);
          brands.refresh(current, built.manifest());
          return true;
        });
  }

  /** The stylesheet {@code hash} names, if it was built. */
  public Optional<byte[]> css(String hash) {
    Theme defaults = builder.defaults().theme();
    if (defaults.hash().equals(hash)) {
      return Optional.of(defaults.css().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return assets.get(BrandBuilder.CSS_OWNER, hash + ".css").map(StoredAsset::bytes);
  }

  /** The default brand's stylesheet: what stands in for one that cannot be read. */
  public byte[] defaultStylesheet() {
    return builder.defaults().theme().css().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** An asset as served, and whether it is the one asked for (cacheable for good) or a stand-in. */
  public record ServedAsset(StoredAsset asset, boolean exact) {}

  /**
   * The asset {@code owner/file}; when it cannot be read or its bytes do not match the hash in its
   * name, the nearest ancestor's asset of the same kind, then the default's — never a broken image.
   * Empty only for a name that is no asset at all.
   */
  public Optional<ServedAsset> asset(String owner, String file) {
    if (!AssetPath.valid(owner, file)) {
      return Optional.empty();
    }
    if (owner.equals(DEFAULT_OWNER)) {
      return defaultFile(file).map(a -> new ServedAsset(a, true));
    }
    Optional<AssetKind> kind = AssetKind.of(file);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    Optional<StoredAsset> stored =
        assets.get(owner, file).filter(a -> kind.get().intact(file, a.bytes()));
    if (stored.isPresent()) {
      return Optional.of(new ServedAsset(stored.get(), true));
    }
    Map<String, StoredBrand> ancestors = brands.of(brands.ancestors(owner));
    for (String id : brands.ancestors(owner)) {
      StoredBrand brand = ancestors.get(id);
      String url = brand == null ? null : kind.get().urlIn(brand.own());
      Optional<AssetPath> path = url == null ? Optional.empty() : AssetPath.parse(url);
      if (path.isPresent()) {
        Optional<StoredAsset> found = assets.get(path.get().owner(), path.get().file());
        if (found.isPresent()) {
          return Optional.of(new ServedAsset(found.get(), false));
        }
      }
    }
    return defaultFile(kind.get().defaultFile()).map(a -> new ServedAsset(a, false));
  }

  /** The owner name of the default assets. */
  public static final String DEFAULT_OWNER = "default";

  private Optional<StoredAsset> defaultFile(String file) {
    if (file.equals("site.webmanifest")) {
      return Optional.of(
          new StoredAsset(
              builder.defaultWebManifest().getBytes(java.nio.charset.StandardCharsets.UTF_8),
              "application/manifest+json"));
    }
    return images.defaultAsset(file);
  }

  private interface Edit {
    Brand apply(StoredBrand current);
  }

  private BrandView write(
      Target target, Edit edit, String action, String kind, AuditContext audit) {
    return retry(
        () -> {
          Map<String, StoredBrand> stored = brands.of(target.lineage());
          StoredBrand current =
              stored.getOrDefault(target.orgId(), StoredBrand.none(target.orgId()));
          Brand own = edit.apply(current);
          BrandBuilder.Built built = builder.build(target.lineage(), own, stored, true);
          brands.save(
              target.orgId(),
              own,
              built.manifest(),
              current,
              change(
                  audit,
                  action,
                  target.orgId(),
                  kind,
                  built.theme().url(),
                  built.effective().hideOriginBranding()));
          return new BrandView(
              own,
              built.manifest(),
              built.effective().customCss(),
              built.theme().warnings(),
              built.theme().removed());
        });
  }

  private FaviconRefs favicons(String orgId, String sha, CheckedImage image, FaviconRefs current) {
    if (current != null && current.sourceSha256().equals(sha)) {
      return current;
    }
    FaviconFiles files = images.favicons(image);
    String stem = "favicon-" + sha.substring(0, 16);
    List<dev.topgun.shared.branding.Favicon> pngs = new java.util.ArrayList<>();
    for (Integer size : dev.topgun.shared.branding.BrandDefaults.FAVICON_SIZES) {
      String file = stem + "-" + size + ".png";
      assets.put(orgId, file, files.pngs().get(size), "image/png");
      pngs.add(new dev.topgun.shared.branding.Favicon(size, AssetPath.PREFIX + orgId + "/" + file));
    }
    assets.put(orgId, stem + ".ico", files.ico(), "image/x-icon");
    return new FaviconRefs(sha, pngs, AssetPath.PREFIX + orgId + "/" + stem + ".ico");
  }

  private BrandManifest effective(Target target, Map<String, StoredBrand> stored) {
    for (String id : target.lineage()) {
      StoredBrand brand = stored.get(id);
      if (brand != null && brand.manifest() != null) {
        return brand.manifest();
      }
    }
    return builder.defaults().manifest();
  }

  private static String effectiveCss(Target target, Map<String, StoredBrand> stored) {
    return Inheritance.effective(
            target.lineage().stream()
                .map(
                    id -> {
                      StoredBrand b = stored.get(id);
                      return b == null ? null : b.own();
                    })
                .toList())
        .customCss();
  }

  private static BrandChange change(
      AuditContext audit, String action, String orgId, String kind, String cssUrl, boolean hides) {
    Map<String, String> details = new HashMap<>();
    details.put("change", kind);
    if (cssUrl != null) {
      details.put("themeCssUrl", cssUrl);
    }
    Event event = Facts.brandingChanged(orgId, kind, cssUrl, hides);
    return new BrandChange(audit, action, details, List.of(event));
  }

  private static <T> T retry(Supplier<T> attempt) {
    for (int i = 1; ; i++) {
      try {
        return attempt.get();
      } catch (VersionConflictException e) {
        if (i == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
