package dev.topgun.organizations.api;

import dev.topgun.organizations.notices.LimitThresholdCrossed;
import dev.topgun.organizations.notices.OwnerNotices;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.events.EventPublisher;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Tells a pool's organization that its usage crossed 80 % or 100 % of a limit: the event {@code
 * LimitThresholdCrossed} and an e-mail to each of its owners ({@link OwnerNotices}), once per
 * crossing (the reservation that crossed reports it, see {@code Usage.reserve}). Sent after the
 * change commits; a failure is logged and does not undo the change.
 */
@Singleton
class ThresholdNotices {

  private final EventPublisher events;
  private final OwnerNotices owners;

  ThresholdNotices(EventPublisher events, OwnerNotices owners) {
    this.events = events;
    this.owners = owners;
  }

  void send(Optional<ThresholdCrossed> crossed) {
    crossed.ifPresent(this::send);
  }

  private void send(ThresholdCrossed crossed) {
    LimitThresholdCrossed data =
        new LimitThresholdCrossed(
            crossed.poolOrgId(),
            crossed.limit().value(),
            crossed.percent(),
            crossed.usage(),
            crossed.max());
    events.publishCommitted(Event.of("LimitThresholdCrossed", crossed.poolOrgId(), data));
    owners.limitThresholdCrossed(data);
  }
}
