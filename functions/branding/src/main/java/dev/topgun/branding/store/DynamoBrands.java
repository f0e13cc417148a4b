package dev.topgun.branding.store;

import dev.topgun.branding.domain.Brand;
import dev.topgun.branding.domain.BrandChange;
import dev.topgun.branding.domain.Brands;
import dev.topgun.branding.domain.StoredBrand;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.branding.BrandManifests;
import dev.topgun.shared.branding.BrandingItem;
import dev.topgun.shared.branding.BrandingKeys;
import dev.topgun.shared.events.Outbox;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Revision;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.TenancyDirectory;
import dev.topgun.shared.tenancy.TenancyKeys;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Own brands and their manifests on {@link BrandingItem}s ({@code PK=ORG#<orgId>, SK=BRANDING}). A
 * change is one transaction: the item at the revision read, the audit entry, the outbox items.
 */
@Singleton
public class DynamoBrands implements Brands {

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final BrandManifests manifests;
  private final TenancyDirectory directory;
  private final ObjectMapper json;

  public DynamoBrands(
      SingleTableStore store,
      TransactionalWriter writer,
      AuditTrail audit,
      Outbox outbox,
      BrandManifests manifests,
      TenancyDirectory directory,
      ObjectMapper json) {
    this.store = store;
    this.writer = writer;
    this.audit = audit;
    this.outbox = outbox;
    this.manifests = manifests;
    this.directory = directory;
    this.json = json;
  }

  @Override
  public Map<String, StoredBrand> of(List<String> orgIds) {
    List<ItemKey> keys = orgIds.stream().map(BrandingKeys::branding).toList();
    Map<String, StoredBrand> found = new HashMap<>();
    for (Map.Entry<ItemKey, Map<String, AttributeValue>> e : store.batchGet(keys).entrySet()) {
      BrandingItem item = BrandingItem.SCHEMA.mapToItem(e.getValue());
      found.put(item.getOrgId(), stored(item));
    }
    return found;
  }

  @Override
  public void save(
      String orgId, Brand own, BrandManifest manifest, StoredBrand read, BrandChange change) {
    BrandingItem item = read.revision().stamp(BrandingItem.of(orgId));
    item.setOwn(encode(own));
    item.setManifest(manifests.encode(manifest));
    Transaction tx = writer.begin();
    if (read.exists()) {
      tx.update(BrandingItem.SCHEMA, item);
    } else {
      tx.create(BrandingItem.SCHEMA, item);
    }
    record(tx, orgId, change);
    tx.commit();
  }

  @Override
  public void delete(StoredBrand read, BrandChange change) {
    BrandingItem item = read.revision().stamp(BrandingItem.of(read.orgId()));
    Transaction tx = writer.begin();
    tx.delete(item);
    record(tx, read.orgId(), change);
    tx.commit();
  }

  @Override
  public void refresh(StoredBrand read, BrandManifest manifest) {
    BrandingItem item = read.revision().stamp(BrandingItem.of(read.orgId()));
    item.setOwn(encode(read.own()));
    item.setManifest(manifests.encode(manifest));
    store.update(BrandingItem.SCHEMA, item);
  }

  @Override
  public List<String> descendantsWithBrands(String orgId) {
    List<String> descendants = new ArrayList<>();
    store.forEach(
        ClosureItem.SCHEMA,
        TenancyKeys.descendants(orgId),
        item -> descendants.add(item.getDescendantId()));
    return new ArrayList<>(of(descendants).keySet());
  }

  @Override
  public List<String> ancestors(String orgId) {
    return directory.ancestors(orgId);
  }

  private void record(Transaction tx, String orgId, BrandChange change) {
    audit.record(tx, change.audit(), orgId, change.action(), "branding:" + orgId, change.details());
    outbox.addAll(tx, change.events());
  }

  private StoredBrand stored(BrandingItem item) {
    Brand own = decode(item.getOwn());
    BrandManifest manifest =
        item.getManifest() == null || item.getManifest().isBlank()
            ? null
            : manifests.decode(item.getManifest());
    return new StoredBrand(item.getOrgId(), own, manifest, Revision.of(item));
  }

  private String encode(Brand own) {
    try {
      return json.writeValueAsString(BrandDocument.of(own));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Brand decode(String own) {
    if (own == null || own.isBlank()) {
      return Brand.INHERITED;
    }
    try {
      return json.readValue(own, BrandDocument.class).brand();
    } catch (IOException e) {
      throw new UncheckedIOException("A stored brand is not readable", e);
    }
  }
}
