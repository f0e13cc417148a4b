package dev.topgun.shared.branding;

import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.tenancy.Lineage;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.TenancyDirectory;
import dev.topgun.shared.tenancy.TenancyKeys;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads effective brands as the branding function stored them: the brand of an organization is the
 * manifest on its own {@link BrandingItem}, else its nearest ancestor's, else {@link
 * BrandDefaults}. Every function that shows a brand reads it here — mails, error answers through a
 * hostname that hides its origin — so nobody but the branding function knows how brands merge.
 */
@Singleton
public class BrandManifests {

  private final SingleTableStore store;
  private final TenancyDirectory directory;
  private final ObjectMapper json;

  public BrandManifests(SingleTableStore store, TenancyDirectory directory, ObjectMapper json) {
    this.store = store;
    this.directory = directory;
    this.json = json;
  }

  /** An effective brand, the organization it is for, and the host its links should use. */
  public record Branded(BrandManifest brand, Optional<String> linkHost) {}

  /**
   * The effective brand of {@code orgId} (the default when the organization is unknown), with the
   * verified hostname of the nearest organization of its lineage that has one.
   */
  public Branded of(String orgId) {
    Optional<Lineage> lineage = directory.lineage(orgId, null);
    if (lineage.isEmpty()) {
      return new Branded(BrandDefaults.manifest(BrandDefaults.THEME_CSS_URL), Optional.empty());
    }
    List<String> ids = lineageIds(lineage.get());
    return new Branded(
        nearest(ids, null).belongingTo(organization(lineage.get().organization())), linkHost(ids));
  }

  /**
   * The brand a request to {@code hostname} gets: that of the organization that verified it, in one
   * strongly consistent read of the lookup item and one of the brands of its lineage. Empty when
   * nobody verified the hostname.
   */
  public Optional<BrandManifest> forHost(String hostname) {
    Optional<HostnameItem> claim = verifiedHostname(hostname);
    if (claim.isEmpty()) {
      return Optional.empty();
    }
    List<String> ids = claim.get().getLineage();
    if (ids == null || ids.isEmpty()) {
      ids = List.of(claim.get().getOrgId());
    }
    return Optional.of(nearest(ids, claim.get().getOrgId()));
  }

  /** The verified claim of {@code hostname}, if there is one. */
  public Optional<HostnameItem> verifiedHostname(String hostname) {
    return store
        .get(HostnameItem.SCHEMA, BrandingKeys.hostnameLookup(hostname))
        .filter(HostnameItem::isVerified);
  }

  /**
   * The nearest manifest of {@code lineage} (organization first), read in one BatchGetItem with the
   * organization item of {@code owner} when it is given (for the manifest's {@code organization}).
   */
  private BrandManifest nearest(List<String> lineage, String owner) {
    List<ItemKey> keys = new ArrayList<>();
    lineage.forEach(id -> keys.add(BrandingKeys.branding(id)));
    if (owner != null) {
      keys.add(TenancyKeys.organization(owner));
    }
    Map<ItemKey, Map<String, AttributeValue>> found = store.batchGet(keys);
    BrandOrganization organization = null;
    if (owner != null) {
      Map<String, AttributeValue> org = found.get(TenancyKeys.organization(owner));
      organization = org == null ? null : organization(OrganizationItem.SCHEMA.mapToItem(org));
    }
    for (String id : lineage) {
      Map<String, AttributeValue> raw = found.get(BrandingKeys.branding(id));
      if (raw == null) {
        continue;
      }
      String manifest = BrandingItem.SCHEMA.mapToItem(raw).getManifest();
      if (manifest != null && !manifest.isBlank()) {
        return decode(manifest).belongingTo(organization);
      }
    }
    return BrandDefaults.manifest(BrandDefaults.THEME_CSS_URL).belongingTo(organization);
  }

  /** The first verified hostname of the nearest organization of {@code lineage} that has one. */
  private Optional<String> linkHost(List<String> lineage) {
    for (String id : lineage) {
      List<HostnameItem> verified = new ArrayList<>();
      store.forEach(
          HostnameItem.SCHEMA,
          Query.partition(Keys.org(id)).skBeginsWith(BrandingKeys.ownedHostnamePrefix()),
          item -> {
            if (item.isVerified()) {
              verified.add(item);
            }
          });
      if (!verified.isEmpty()) {
        return Optional.of(verified.get(0).getHostname());
      }
    }
    return Optional.empty();
  }

  /** A stored manifest as JSON, the form {@link BrandingItem#getManifest()} holds. */
  public String encode(BrandManifest manifest) {
    try {
      return json.writeValueAsString(manifest.belongingTo(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public BrandManifest decode(String manifest) {
    try {
      return json.readValue(manifest, BrandManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("A stored brand manifest is not readable", e);
    }
  }

  private static List<String> lineageIds(Lineage lineage) {
    List<String> ids = new ArrayList<>();
    ids.add(lineage.orgId());
    ids.addAll(lineage.ancestorIds());
    return ids;
  }

  private static BrandOrganization organization(OrganizationItem item) {
    return new BrandOrganization(item.getId(), item.getName());
  }
}
