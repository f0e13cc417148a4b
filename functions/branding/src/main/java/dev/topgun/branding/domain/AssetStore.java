package dev.topgun.branding.domain;

import java.util.Optional;

/**
 * Where brands' files live (the assets bucket): {@code <owner>/<file>}, content-addressed, so a
 * file once written never changes. The owner is an organization id, or {@code css} for stylesheets.
 */
public interface AssetStore {

  void put(String owner, String file, byte[] bytes, String mediaType);

  /** The file, if it exists and can be read. */
  Optional<StoredAsset> get(String owner, String file);

  /** Whether the file exists (without reading it). */
  boolean exists(String owner, String file);
}
