package dev.topgun.branding.domain;

import dev.topgun.shared.branding.BrandManifest;
import java.util.Optional;

/** The brand of a verified hostname (one strongly consistent lookup, then its lineage's brands). */
public interface HostBrands {

  Optional<BrandManifest> forHost(String hostname);
}
