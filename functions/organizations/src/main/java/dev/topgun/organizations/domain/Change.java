package dev.topgun.organizations.domain;

import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.entitlements.LimitThresholdCrossedV1;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.events.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Who makes a change, and the events it reports: a port writes both in the change's own transaction
 * (the audit entries and the outbox items), so there is no change without its entries and events,
 * and no event of a change that did not happen.
 */
public record Change(AuditContext audit, List<Event> events) {

  public Change {
    events = List.copyOf(events);
  }

  public static Change by(AuditContext audit) {
    return new Change(audit, List.of());
  }

  public Change with(Event event) {
    List<Event> more = new ArrayList<>(events);
    more.add(event);
    return new Change(audit, more);
  }

  /** With a {@code LimitThresholdCrossed} for each threshold the change's reservations crossed. */
  public Change withCrossings(List<ThresholdCrossed> crossings) {
    Change change = this;
    for (ThresholdCrossed crossed : crossings) {
      change = change.with(LimitThresholdCrossedV1.of(crossed).event());
    }
    return change;
  }
}
