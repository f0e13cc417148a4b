package dev.topgun.branding.domain;

import dev.topgun.shared.branding.BrandManifest;
import java.util.List;
import java.util.Map;

/** Organizations' own brands and their built manifests (the table). */
public interface Brands {

  /** The own brands of {@code orgIds} that have one, by organization id. */
  Map<String, StoredBrand> of(List<String> orgIds);

  /**
   * Stores {@code own} and its built {@code manifest} at the revision read, with the change's audit
   * entry and events, in one transaction.
   *
   * @throws dev.topgun.shared.store.VersionConflictException another write came first
   */
  void save(String orgId, Brand own, BrandManifest manifest, StoredBrand read, BrandChange change);

  /**
   * Removes the organization's own brand (it inherits again), with the change's entry and events.
   */
  void delete(StoredBrand read, BrandChange change);

  /**
   * Replaces only the built manifest, at the revision read (a warm-up after an ancestor changed).
   */
  void refresh(StoredBrand read, BrandManifest manifest);

  /** The descendants of {@code orgId} (at any depth) that have a brand of their own. */
  List<String> descendantsWithBrands(String orgId);

  /** The ancestors of {@code orgId}, nearest first. */
  List<String> ancestors(String orgId);
}
