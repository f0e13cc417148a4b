package dev.topgun.organizations.consumers;

import dev.topgun.organizations.domain.OwnerNotices;
import dev.topgun.organizations.events.LicenseExpiryV1;
import dev.topgun.shared.events.EventConsumer;
import dev.topgun.shared.events.ReceivedEvent;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Licensing's notices for an organization's owners (rule {@code license-notices-to-organizations}
 * in {@code event-rules.json}): {@code LicenseGraceStarted} and {@code LicenseExpired} are mailed
 * to the owners of the event's organization, once per event (the dispatcher dedupes on the
 * envelope's {@code eventId}).
 */
@Singleton
class LicenseNotices implements EventConsumer {

  static final String GRACE_STARTED = "LicenseGraceStarted";
  static final String EXPIRED = "LicenseExpired";

  private final OwnerNotices notices;
  private final JsonMapper json;

  LicenseNotices(OwnerNotices notices, JsonMapper json) {
    this.notices = notices;
    this.json = json;
  }

  @Override
  public String source() {
    return "topgun.licensing";
  }

  @Override
  public Set<String> detailTypes() {
    return Set.of(GRACE_STARTED, EXPIRED);
  }

  @Override
  public void accept(ReceivedEvent event) {
    LicenseExpiryV1 expiry = event.data(json, LicenseExpiryV1.class);
    NoticeNotMailedException.unlessMailed(
        event,
        GRACE_STARTED.equals(event.detailType())
            ? notices.licenseGraceStarted(expiry)
            : notices.licenseExpired(expiry));
  }
}
