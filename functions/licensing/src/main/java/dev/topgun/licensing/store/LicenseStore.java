package dev.topgun.licensing.store;

import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.entitlements.LicenseItem;
import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.Index;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.Unique;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Licenses in the table. Every write is one transaction: the license record, its organization's
 * current {@link LicenseItem} (what entitlements read) when it is the current one, the lookup
 * markers, and the audit entry.
 */
@Singleton
public class LicenseStore {

  static final String KEY_KIND = "license-key";
  static final String ID_KIND = "license-id";
  static final String ISSUED = "ISSUED";
  static final String DUE_PARTITION = "LICENSES#DUE";

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final AuditTrail audit;

  public LicenseStore(SingleTableStore store, TransactionalWriter writer, AuditTrail audit) {
    this.store = store;
    this.writer = writer;
    this.audit = audit;
  }

  /** The organization's current license as entitlements read it, if it has one. */
  public Optional<LicenseItem> current(String orgId) {
    return store.get(LicenseItem.SCHEMA, LicenseItem.key(orgId));
  }

  /** A license by id (strongly consistent). */
  public Optional<LicenseRecordItem> find(String licenseId) {
    return store
        .uniqueOwner(Unique.of(ID_KIND, licenseId))
        .flatMap(key -> store.get(LicenseRecordItem.SCHEMA, key));
  }

  /** The license a key opens (strongly consistent: a revoke counts at the next read). */
  public Optional<LicenseRecordItem> findByKeyHash(String keyHash) {
    return store
        .uniqueOwner(Unique.of(KEY_KIND, keyHash))
        .flatMap(key -> store.get(LicenseRecordItem.SCHEMA, key));
  }

  /** An organization's licenses, newest first. */
  public Page<LicenseRecordItem> list(String orgId, int limit, String cursor) {
    return store.query(
        LicenseRecordItem.SCHEMA,
        Query.partition(Keys.org(orgId))
            .skBeginsWith(Keys.prefix(LicenseRecordItem.LICENSE))
            .backward()
            .limit(limit)
            .after(cursor));
  }

  /** The licenses carved from {@code issuerOrgId}'s pool (GSI1, eventually consistent). */
  public List<LicenseRecordItem> issuedBy(String issuerOrgId) {
    List<LicenseRecordItem> issued = new ArrayList<>();
    store.forEach(
        LicenseRecordItem.SCHEMA, Query.on(Index.GSI1, issuedPartition(issuerOrgId)), issued::add);
    return issued;
  }

  /**
   * Licenses with a grace or expiry notice due at or before {@code at} (ISO-8601), oldest first.
   */
  public List<LicenseRecordItem> due(String at, int max) {
    Page<LicenseRecordItem> page =
        store.query(
            LicenseRecordItem.SCHEMA,
            Query.on(Index.GSI2, DUE_PARTITION)
                .skBetween("0", at + Keys.SEPARATOR + "~")
                .limit(max));
    return page.items();
  }

  /**
   * Stores a new license as its organization's current one.
   *
   * @param replaced the organization's revoked current license item, or null when it has none
   * @throws dev.topgun.shared.store.ItemAlreadyExistsException the organization got a license
   *     concurrently
   */
  public LicenseRecordItem issue(
      LicenseRecordItem record, LicenseItem replaced, AuditContext context) {
    index(record);
    Transaction tx = writer.begin();
    LicenseRecordItem stored = tx.create(LicenseRecordItem.SCHEMA, record);
    tx.claim(Unique.of(KEY_KIND, record.getKeyHash()), record.key());
    tx.claim(Unique.of(ID_KIND, record.getLicenseId()), record.key());
    LicenseItem mirror = mirror(record);
    if (replaced == null) {
      tx.create(LicenseItem.SCHEMA, mirror);
    } else {
      mirror.setVersion(replaced.getVersion());
      mirror.setCreatedAt(replaced.getCreatedAt());
      tx.update(LicenseItem.SCHEMA, mirror);
    }
    audit.record(
        tx,
        context,
        record.getOrgId(),
        "license.issued",
        "license:" + record.getLicenseId(),
        details(record));
    tx.commit();
    return stored;
  }

  /**
   * Writes a changed license (versioned) and, when it is the organization's current one, its
   * mirror; {@code action} names the change in the audit trail.
   *
   * @throws dev.topgun.shared.store.VersionConflictException it changed since read
   */
  public LicenseRecordItem change(LicenseRecordItem changed, String action, AuditContext context) {
    index(changed);
    Transaction tx = writer.begin();
    LicenseRecordItem stored = tx.update(LicenseRecordItem.SCHEMA, changed);
    Optional<LicenseItem> current = current(changed.getOrgId());
    if (current.isPresent() && changed.getLicenseId().equals(current.get().getLicenseId())) {
      LicenseItem mirror = mirror(changed);
      mirror.setVersion(current.get().getVersion());
      mirror.setCreatedAt(current.get().getCreatedAt());
      tx.update(LicenseItem.SCHEMA, mirror);
    }
    audit.record(
        tx,
        context,
        changed.getOrgId(),
        action,
        "license:" + changed.getLicenseId(),
        details(changed));
    tx.commit();
    return stored;
  }

  /** Records that a notice went out (versioned, so that only one sweeper sends each). */
  public LicenseRecordItem noticeSent(LicenseRecordItem record, String notice, String nextDueAt) {
    LicenseRecordItem changed = BaseItem.copyOf(LicenseRecordItem.SCHEMA, record);
    changed.setNoticeSent(notice);
    changed.setGsi2pk(nextDueAt == null ? null : DUE_PARTITION);
    changed.setGsi2sk(
        nextDueAt == null ? null : nextDueAt + Keys.SEPARATOR + record.getLicenseId());
    return store.update(LicenseRecordItem.SCHEMA, changed);
  }

  /** The next notice's time goes into GSI2 (see {@link #dueAt}); the issuer's pool into GSI1. */
  private static void index(LicenseRecordItem record) {
    if (record.getIssuerOrgId() != null) {
      record.setGsi1pk(issuedPartition(record.getIssuerOrgId()));
      record.setGsi1sk(Keys.of(LicenseRecordItem.LICENSE, record.getLicenseId()));
    }
    String due = dueAt(record);
    record.setGsi2pk(due == null ? null : DUE_PARTITION);
    record.setGsi2sk(due == null ? null : due + Keys.SEPARATOR + record.getLicenseId());
  }

  /**
   * When the next notice of a license falls due: its expiry (entering grace), then the end of its
   * grace (expired); none for a license that never expires, was revoked, or was announced expired.
   */
  public static String dueAt(LicenseRecordItem record) {
    if (record.getExpiresAt() == null || "revoked".equals(record.getStatus())) {
      return null;
    }
    String sent = record.getNoticeSent();
    if (sent == null) {
      return record.getExpiresAt();
    }
    if ("grace".equals(sent)) {
      int days = record.getGraceDays() == null ? 0 : record.getGraceDays();
      return java.time.Instant.parse(record.getExpiresAt())
          .plus(java.time.Duration.ofDays(days))
          .toString();
    }
    return null;
  }

  private static LicenseItem mirror(LicenseRecordItem record) {
    LicenseItem item =
        LicenseItem.of(
            record.getLicenseId(),
            record.getOrgId(),
            record.getStatus(),
            record.getFeatures(),
            record.getLimits());
    item.setExpiresAt(record.getExpiresAt());
    item.setGraceDays(record.getGraceDays());
    return item;
  }

  private static Map<String, String> details(LicenseRecordItem record) {
    return Map.of(
        "status", record.getStatus(),
        "tier", record.getTier(),
        "expiresAt", record.getExpiresAt() == null ? "never" : record.getExpiresAt());
  }

  static String issuedPartition(String issuerOrgId) {
    return Keys.org(issuerOrgId, ISSUED);
  }

  /** The record's key, for callers that hold an id and an organization. */
  public static ItemKey key(String orgId, String licenseId) {
    return LicenseRecordItem.key(orgId, licenseId);
  }
}
