package dev.topgun.branding.domain;

import java.util.Locale;
import java.util.Optional;

/** What an uploaded image is for: each has its own route ({@code …/branding/<path>}). */
public enum AssetRole {
  LOGO("logo"),
  LOGO_DARK("logo-dark"),
  FAVICON("favicon");

  private final String path;

  AssetRole(String path) {
    this.path = path;
  }

  /** The route's last segment, and the prefix of the stored file's name. */
  public String path() {
    return path;
  }

  public static Optional<AssetRole> ofPath(String path) {
    for (AssetRole role : values()) {
      if (role.path.equals(path.toLowerCase(Locale.ROOT))) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
