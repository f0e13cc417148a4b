package dev.topgun.organizations.domain;

import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;

/** An organization's audit trail, newest first (written with each change, see {@link Change}). */
public interface AuditLog {

  Page<AuditEntry> list(String orgId, Paging paging);
}
