package dev.topgun.branding.domain;

import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.store.Revision;

/**
 * An organization's own brand as stored, with its built manifest (null before the first build) and
 * the revision it was read at.
 */
public record StoredBrand(String orgId, Brand own, BrandManifest manifest, Revision revision) {

  /** An organization without a brand of its own. */
  public static StoredBrand none(String orgId) {
    return new StoredBrand(orgId, Brand.INHERITED, null, Revision.NEW);
  }

  public boolean exists() {
    return !revision.isNew();
  }
}
