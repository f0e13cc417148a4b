package dev.topgun.licensing.domain;

import dev.topgun.shared.store.VersionConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Announces licenses that ran out: it takes the licenses whose next notice is due, in time order,
 * and announces {@code LicenseGraceStarted} when one entered its grace period and {@code
 * LicenseExpired} when its grace ended (only that one when it finds it past both). The license
 * records the notice in the same write that puts the announcement in the outbox, versioned: of two
 * sweeps, or a sweep and a change, only one writes it — once per crossing, and never a notice
 * without its record or a record without its notice. A renewal clears the record, so the renewed
 * license is announced again when it runs out.
 */
public final class ExpirySweep {

  /** Licenses handled per run; the rest wait for the next (the schedule runs every 15 minutes). */
  public static final int BATCH = 200;

  private final Licenses licenses;
  private final Clock clock;

  public ExpirySweep(Licenses licenses, Clock clock) {
    this.licenses = licenses;
    this.clock = clock;
  }

  /** One sweep; returns the number of notices announced. */
  public int run() {
    Instant now = clock.instant();
    int announced = 0;
    for (License due : licenses.due(now, BATCH)) {
      Optional<License> license = licenses.find(due.id());
      Optional<Notice> notice = license.flatMap(l -> l.noticeDue(now));
      if (notice.isEmpty()) {
        continue;
      }
      try {
        licenses.announce(
            license.get().withNotice(notice.get()), Facts.expiry(notice.get(), license.get()));
        announced++;
      } catch (VersionConflictException raced) {
        // Another sweep, or a change, wrote it first; the next run looks again.
      }
    }
    return announced;
  }
}
