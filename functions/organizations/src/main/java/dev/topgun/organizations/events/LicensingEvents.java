package dev.topgun.organizations.events;

import dev.topgun.organizations.notices.LicenseExpiry;
import dev.topgun.organizations.notices.LimitThresholdCrossed;
import dev.topgun.organizations.notices.OwnerNotices;
import dev.topgun.shared.events.EventConsumer;
import dev.topgun.shared.events.ReceivedEvent;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Licensing's notices for an organization's owners (rule {@code license-notices-to-organizations}
 * in {@code event-rules.json}): {@code LicenseGraceStarted}, {@code LicenseExpired} and {@code
 * LimitThresholdCrossed} are mailed to the owners of the event's organization, once per event (the
 * dispatcher dedupes on the envelope's {@code eventId}).
 *
 * <p>When no owner could be mailed (the mail server refused every message), the delivery fails and
 * is retried; when some could, it is acknowledged, so that a retry does not mail the others twice.
 */
@Singleton
class LicensingEvents implements EventConsumer {

  static final String SOURCE = "topgun.licensing";
  static final String GRACE_STARTED = "LicenseGraceStarted";
  static final String EXPIRED = "LicenseExpired";
  static final String THRESHOLD_CROSSED = "LimitThresholdCrossed";

  private final OwnerNotices notices;
  private final JsonMapper json;

  LicensingEvents(OwnerNotices notices, JsonMapper json) {
    this.notices = notices;
    this.json = json;
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public Set<String> detailTypes() {
    return Set.of(GRACE_STARTED, EXPIRED, THRESHOLD_CROSSED);
  }

  @Override
  public void accept(ReceivedEvent event) {
    OwnerNotices.Mailing mailing =
        switch (event.detailType()) {
          case GRACE_STARTED -> notices.licenseGraceStarted(event.data(json, LicenseExpiry.class));
          case EXPIRED -> notices.licenseExpired(event.data(json, LicenseExpiry.class));
          case THRESHOLD_CROSSED ->
              notices.limitThresholdCrossed(event.data(json, LimitThresholdCrossed.class));
          default ->
              throw new IllegalArgumentException("Not a licensing notice: " + event.detailType());
        };
    if (mailing.failedEntirely()) {
      throw new NoticeNotMailedException(event.detailType(), event.eventId(), mailing.owners());
    }
  }

  /** Not one owner could be mailed: the delivery fails so that EventBridge/Lambda retries it. */
  static final class NoticeNotMailedException extends RuntimeException {
    NoticeNotMailedException(String detailType, String eventId, int owners) {
      super(
          detailType
              + " "
              + eventId
              + " was mailed to none of the organization's "
              + owners
              + " owner(s); retried");
    }
  }
}
