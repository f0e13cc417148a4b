package dev.topgun.organizations.store;

import dev.topgun.organizations.domain.AuditEntry;
import dev.topgun.organizations.domain.AuditLog;
import dev.topgun.shared.audit.AuditEntryItem;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Audit entries as shared-lib's {@link AuditTrail} keeps them. */
@Singleton
public class DynamoAuditLog implements AuditLog {

  private final AuditTrail trail;

  public DynamoAuditLog(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public Page<AuditEntry> list(String orgId, Instant from, Instant to, Paging paging) {
    Page<AuditEntryItem> page = trail.list(orgId, from, to, paging.limit(), paging.cursor());
    return new Page<>(
        page.items().stream().map(OrganizationMapper::auditEntry).toList(), page.nextCursor());
  }
}
