package dev.topgun.licensing.api;

import dev.topgun.licensing.store.LicenseRecordItem;
import dev.topgun.licensing.store.LicenseStore;
import dev.topgun.shared.entitlements.LicenseState;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.events.EventPublisher;
import dev.topgun.shared.store.VersionConflictException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces licenses that ran out: on schedule it takes the licenses whose next notice is due
 * (GSI2, in time order) and publishes {@code LicenseGraceStarted} when one entered its grace period
 * and {@code LicenseExpired} when its grace ended (only that one when the sweep finds it past
 * both). Each notice is recorded on the license with a versioned write before it is published, so
 * of two sweeps only one announces it: once per crossing. A renewal clears the record, so the
 * renewed license is announced again when it runs out. The organizations function mails the owners.
 */
@Singleton
public class LicenseSweep {

  static final String GRACE = "grace";
  static final String EXPIRED = "expired";

  /** Licenses handled per run; the rest wait for the next (the schedule runs every 15 minutes). */
  static final int BATCH = 200;

  private static final Logger LOG = LoggerFactory.getLogger(LicenseSweep.class);

  private final LicenseStore licenses;
  private final EventPublisher events;
  private final Clock clock;

  LicenseSweep(LicenseStore licenses, EventPublisher events, Clock clock) {
    this.licenses = licenses;
    this.events = events;
    this.clock = clock;
  }

  /** One sweep; returns the number of notices published. */
  public int run() {
    Instant now = clock.instant();
    int sent = 0;
    for (LicenseRecordItem due : licenses.due(now.toString(), BATCH)) {
      LicenseRecordItem record = licenses.find(due.getLicenseId()).orElse(null);
      if (record == null) {
        continue;
      }
      LicenseState state = LicenseViews.state(record, now);
      String notice =
          switch (state) {
            case GRACE -> GRACE;
            case EXPIRED -> EXPIRED;
            default -> null;
          };
      if (notice == null || notice.equals(record.getNoticeSent())) {
        continue;
      }
      Instant expiresAt = Instant.parse(record.getExpiresAt());
      Instant graceEndsAt = LicenseViews.terms(record).graceEndsAt().orElse(expiresAt);
      try {
        licenses.noticeSent(record, notice, GRACE.equals(notice) ? graceEndsAt.toString() : null);
      } catch (VersionConflictException raced) {
        continue; // another sweep, or a change, got there first; the next run looks again
      }
      events.publishCommitted(
          Event.of(
              GRACE.equals(notice) ? "LicenseGraceStarted" : "LicenseExpired",
              record.getOrgId(),
              new LicenseRanOut(record.getLicenseId(), record.getOrgId(), expiresAt, graceEndsAt)));
      sent++;
    }
    if (sent > 0) {
      LOG.info("announced {} license notice(s)", sent);
    }
    return sent;
  }

  /** The {@code data} of {@code LicenseGraceStarted} and {@code LicenseExpired} (version 1). */
  @Serdeable
  public record LicenseRanOut(
      String licenseId, String organizationId, Instant expiresAt, @Nullable Instant graceEndsAt) {}
}
