package dev.topgun.licensing.domain;

import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.entitlements.LimitThresholdCrossedV1;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.events.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * What a change of a license writes with it, in its own transaction: the audit entry ({@code
 * action} by {@code audit}'s actor) and the events that report it — so there is no change without
 * its entry and events, and no event of a change that did not commit.
 *
 * @param action as the audit trail names it: {@code license.issued}, {@code license.updated}, …
 */
public record LicenseChange(AuditContext audit, String action, List<Event> events) {

  public LicenseChange {
    events = List.copyOf(events);
  }

  public static LicenseChange of(AuditContext audit, String action, Event event) {
    return new LicenseChange(audit, action, List.of(event));
  }

  /** With a {@code LimitThresholdCrossed} for each threshold its reservations crossed. */
  public LicenseChange withCrossings(List<ThresholdCrossed> crossings) {
    List<Event> more = new ArrayList<>(events);
    crossings.forEach(c -> more.add(LimitThresholdCrossedV1.of(c).event()));
    return new LicenseChange(audit, action, more);
  }
}
