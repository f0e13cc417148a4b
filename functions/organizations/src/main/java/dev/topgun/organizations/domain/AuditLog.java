package dev.topgun.organizations.domain;

import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import java.time.Instant;

/** An organization's audit trail, newest first (written with each change, see {@link Change}). */
public interface AuditLog {

  /**
   * One page of the entries recorded from {@code from} to {@code to}, both inclusive; either may be
   * null for an open end.
   */
  Page<AuditEntry> list(String orgId, Instant from, Instant to, Paging paging);
}
