package dev.topgun.branding.domain;

import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.events.Event;
import java.util.List;
import java.util.Map;

/** What a write records with it: the audit entry's action and details, and the events. */
public record BrandChange(
    AuditContext audit, String action, Map<String, String> details, List<Event> events) {

  public BrandChange {
    details = Map.copyOf(details);
    events = List.copyOf(events);
  }
}
