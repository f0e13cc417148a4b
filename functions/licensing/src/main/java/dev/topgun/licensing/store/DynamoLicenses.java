package dev.topgun.licensing.store;

import dev.topgun.licensing.domain.CurrentLicense;
import dev.topgun.licensing.domain.License;
import dev.topgun.licensing.domain.LicenseChange;
import dev.topgun.licensing.domain.LicenseKey;
import dev.topgun.licensing.domain.Licenses;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.entitlements.LicenseItem;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.events.Outbox;
import dev.topgun.shared.store.Index;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.Revision;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.Unique;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Licenses in the table (key schema in this module's README). Every write is one transaction: the
 * license record, the organization's current {@link LicenseItem} when it is the current one, the
 * lookup markers of a new license, the audit entry and the outbox items of the change's events.
 */
@Singleton
public class DynamoLicenses implements Licenses {

  static final String KEY_KIND = "license-key";
  static final String ID_KIND = "license-id";

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final AuditTrail audit;
  private final Outbox outbox;

  public DynamoLicenses(
      SingleTableStore store, TransactionalWriter writer, AuditTrail audit, Outbox outbox) {
    this.store = store;
    this.writer = writer;
    this.audit = audit;
    this.outbox = outbox;
  }

  @Override
  public Optional<License> find(String licenseId) {
    return owned(Unique.of(ID_KIND, licenseId));
  }

  @Override
  public Optional<License> findByKey(String key) {
    return owned(Unique.of(KEY_KIND, LicenseKey.hash(key)));
  }

  @Override
  public Optional<CurrentLicense> current(String orgId) {
    return store.get(LicenseItem.SCHEMA, LicenseItem.key(orgId)).map(LicenseMapper::current);
  }

  @Override
  public Page<License> list(String orgId, Paging paging) {
    Page<LicenseRecordItem> page =
        store.query(
            LicenseRecordItem.SCHEMA,
            paging.applyTo(
                Query.partition(Keys.org(orgId))
                    .skBeginsWith(Keys.prefix(LicenseMapper.LICENSE))
                    .backward()));
    return new Page<>(
        page.items().stream().map(LicenseMapper::license).toList(), page.nextCursor());
  }

  @Override
  public List<License> issuedBy(String issuerOrgId) {
    List<License> issued = new ArrayList<>();
    store.forEach(
        LicenseRecordItem.SCHEMA,
        Query.on(Index.GSI1, LicenseMapper.issuedPartition(issuerOrgId)),
        item -> issued.add(LicenseMapper.license(item)));
    return issued;
  }

  @Override
  public List<License> due(Instant at, int max) {
    return store
        .query(
            LicenseRecordItem.SCHEMA,
            Query.on(Index.GSI2, LicenseMapper.DUE_PARTITION)
                .skBetween("0", at + Keys.SEPARATOR + "~")
                .limit(max))
        .items()
        .stream()
        .map(LicenseMapper::license)
        .toList();
  }

  @Override
  public License issue(License license, Optional<CurrentLicense> replaced, LicenseChange change) {
    Transaction tx = writer.begin();
    LicenseRecordItem stored = tx.create(LicenseRecordItem.SCHEMA, LicenseMapper.item(license));
    tx.claim(Unique.of(KEY_KIND, stored.getKeyHash()), stored.key());
    tx.claim(Unique.of(ID_KIND, license.id()), stored.key());
    if (replaced.isEmpty()) {
      tx.create(LicenseItem.SCHEMA, LicenseMapper.current(license, Revision.NEW));
    } else {
      tx.update(LicenseItem.SCHEMA, LicenseMapper.current(license, replaced.get().revision()));
    }
    record(tx, license, change);
    tx.commit();
    return LicenseMapper.license(stored);
  }

  @Override
  public License change(License license, LicenseChange change) {
    return update(
        license,
        tx -> {
          Optional<CurrentLicense> current = current(license.orgId());
          if (current.isPresent() && license.id().equals(current.get().licenseId())) {
            tx.update(LicenseItem.SCHEMA, LicenseMapper.current(license, current.get().revision()));
          }
          record(tx, license, change);
        });
  }

  @Override
  public License announce(License license, Event announcement) {
    return update(license, tx -> outbox.add(tx, announcement));
  }

  /** One transaction: {@code license} at the revision read, and what {@code with} adds. */
  private License update(License license, Consumer<Transaction> with) {
    Transaction tx = writer.begin();
    LicenseRecordItem stored = tx.update(LicenseRecordItem.SCHEMA, LicenseMapper.item(license));
    with.accept(tx);
    tx.commit();
    return LicenseMapper.license(stored);
  }

  private void record(Transaction tx, License license, LicenseChange change) {
    audit.record(
        tx,
        change.audit(),
        license.orgId(),
        change.action(),
        "license:" + license.id(),
        Map.of(
            "status", license.status().value(),
            "tier", license.terms().tier().value(),
            "expiresAt",
                license.terms().expiresAt() == null
                    ? "never"
                    : license.terms().expiresAt().toString()));
    outbox.addAll(tx, change.events());
  }

  private Optional<License> owned(Unique unique) {
    return store
        .uniqueOwner(unique)
        .flatMap(key -> store.get(LicenseRecordItem.SCHEMA, key))
        .map(LicenseMapper::license);
  }
}
