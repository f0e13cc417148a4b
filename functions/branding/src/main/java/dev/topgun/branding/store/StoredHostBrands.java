package dev.topgun.branding.store;

import dev.topgun.branding.domain.HostBrands;
import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.branding.BrandManifests;
import jakarta.inject.Singleton;
import java.util.Optional;

/** A verified hostname's brand as shared-lib's read model finds it. */
@Singleton
public class StoredHostBrands implements HostBrands {

  private final BrandManifests manifests;

  public StoredHostBrands(BrandManifests manifests) {
    this.manifests = manifests;
  }

  @Override
  public Optional<BrandManifest> forHost(String hostname) {
    return manifests.forHost(hostname);
  }
}
