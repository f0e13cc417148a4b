package dev.topgun.shared.audit;

import com.github.f4b6a3.ulid.Ulid;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;

/**
 * Audit entries of organizations: {@link #record} adds one to the transaction of the change it
 * records; {@link #list} reads an organization's entries, newest first.
 */
@Singleton
public class AuditTrail {

  /** The last millisecond a ULID can hold (48 bits). */
  private static final long LAST_MILLISECOND = (1L << 48) - 1;

  private final SingleTableStore store;

  public AuditTrail(SingleTableStore store) {
    this.store = store;
  }

  /**
   * Adds the entry to {@code tx}: it is stored exactly when the change is.
   *
   * @param action what happened, {@code <entity>.<verb>} ({@code organization.moved})
   * @param target what it happened to, {@code <entity>:<id>} ({@code member:<userId>})
   */
  public void record(
      Transaction tx,
      AuditContext context,
      String orgId,
      String action,
      String target,
      Map<String, String> details) {
    String id = Ids.newId();
    AuditEntryItem item = new AuditEntryItem();
    item.setPk(Keys.org(orgId));
    item.setSk(AuditEntryItem.sortKey(id));
    item.setId(id);
    item.setOrgId(orgId);
    item.setActor(context.actor());
    item.setAction(action);
    item.setTarget(target);
    item.setSourceIp(context.sourceIp());
    item.setRequestId(context.requestId());
    item.setDetails(details == null || details.isEmpty() ? null : Map.copyOf(details));
    tx.create(AuditEntryItem.SCHEMA, item);
  }

  /** One page of the organization's entries, newest first. */
  public Page<AuditEntryItem> list(String orgId, int limit, String cursor) {
    return list(orgId, null, null, limit, cursor);
  }

  /**
   * One page of the organization's entries recorded from {@code from} to {@code to} (both
   * inclusive, to the millisecond; null for open), newest first. The range is a key condition: an
   * entry's id is a ULID, which begins with the millisecond it was made.
   */
  public Page<AuditEntryItem> list(
      String orgId, @Nullable Instant from, @Nullable Instant to, int limit, String cursor) {
    Query query = Query.partition(Keys.org(orgId));
    query =
        from == null && to == null
            ? query.skBeginsWith(Keys.prefix(AuditEntryItem.AUDIT))
            : query.skBetween(
                AuditEntryItem.sortKey(Ulid.min(from == null ? 0 : from.toEpochMilli()).toString()),
                AuditEntryItem.sortKey(
                    Ulid.max(to == null ? LAST_MILLISECOND : to.toEpochMilli()).toString()));
    query = query.backward().limit(limit);
    return store.query(AuditEntryItem.SCHEMA, cursor == null ? query : query.after(cursor));
  }
}
