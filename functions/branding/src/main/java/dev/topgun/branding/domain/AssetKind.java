package dev.topgun.branding.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a stored file is, read from its name: an uploaded image ({@code <role>-<sha16>.<ext>}, whose
 * bytes must hash to its name), a generated favicon ({@code favicon-<sha16>-<size>.png}, or {@code
 * .ico}) or a web app manifest. The kind says which asset of an ancestor stands in for it.
 */
public record AssetKind(String kind, int size) {

  private static final Pattern UPLOAD =
      Pattern.compile("(logo|logo-dark|favicon)-([0-9a-f]{16})\\.(png|jpg|webp|svg)");
  private static final Pattern FAVICON = Pattern.compile("favicon-[0-9a-f]{16}-(\\d{1,3})\\.png");
  private static final Pattern ICO = Pattern.compile("favicon-[0-9a-f]{16}\\.ico");
  private static final Pattern MANIFEST = Pattern.compile("site-[0-9a-f]{16}\\.webmanifest");

  public static Optional<AssetKind> of(String file) {
    Matcher upload = UPLOAD.matcher(file);
    if (upload.matches()) {
      return Optional.of(new AssetKind(upload.group(1), 0));
    }
    Matcher favicon = FAVICON.matcher(file);
    if (favicon.matches()) {
      return Optional.of(new AssetKind("favicon-png", Integer.parseInt(favicon.group(1))));
    }
    if (ICO.matcher(file).matches()) {
      return Optional.of(new AssetKind("favicon-ico", 0));
    }
    if (MANIFEST.matcher(file).matches()) {
      return Optional.of(new AssetKind("manifest", 0));
    }
    return Optional.empty();
  }

  /** Whether {@code bytes} are what {@code file} names (uploads carry their own hash). */
  boolean intact(String file, byte[] bytes) {
    Matcher upload = UPLOAD.matcher(file);
    if (upload.matches()) {
      return Hashes.sha256(bytes).startsWith(upload.group(2));
    }
    return bytes.length > 0;
  }

  /** The URL of this kind of asset in {@code brand}, if it has one. */
  String urlIn(Brand brand) {
    return switch (kind) {
      case "logo" -> brand.logo() == null ? null : brand.logo().url();
      case "logo-dark" -> brand.logoDark() == null ? null : brand.logoDark().url();
      case "favicon" -> brand.favicon() == null ? null : brand.favicon().url();
      case "favicon-png" ->
          brand.favicons() == null
              ? null
              : brand.favicons().pngs().stream()
                  .filter(f -> f.size() == size)
                  .map(dev.topgun.shared.branding.Favicon::url)
                  .findFirst()
                  .orElse(null);
      case "favicon-ico" -> brand.favicons() == null ? null : brand.favicons().icoUrl();
      default -> null;
    };
  }

  /** The default asset that stands in for this kind. */
  String defaultFile() {
    return switch (kind) {
      case "logo", "favicon" -> "logo.svg";
      case "logo-dark" -> "logo-dark.svg";
      case "favicon-png" -> "favicon-" + size + ".png";
      case "favicon-ico" -> "favicon.ico";
      default -> "site.webmanifest";
    };
  }
}
