package dev.topgun.organizations.consumers;

import dev.topgun.organizations.domain.OwnerNotices;
import dev.topgun.shared.entitlements.LimitThresholdCrossedV1;
import dev.topgun.shared.events.EventConsumer;
import dev.topgun.shared.events.ReceivedEvent;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * {@code LimitThresholdCrossed} from whichever domain counted the usage ({@code topgun.<domain>}:
 * organizations' own crossings, which its changes write to the outbox, licensing's, and the next
 * domain's), through rule {@code limit-thresholds-to-organizations}: mailed to the pool
 * organization's owners, once per event.
 */
@Singleton
class ThresholdNotices implements EventConsumer {

  private static final String TOPGUN = "topgun.";

  private final OwnerNotices notices;
  private final JsonMapper json;

  ThresholdNotices(OwnerNotices notices, JsonMapper json) {
    this.notices = notices;
    this.json = json;
  }

  @Override
  public String source() {
    return TOPGUN + "*";
  }

  @Override
  public boolean takesSource(String source) {
    return source.startsWith(TOPGUN);
  }

  @Override
  public Set<String> detailTypes() {
    return Set.of(LimitThresholdCrossedV1.NAME);
  }

  @Override
  public void accept(ReceivedEvent event) {
    NoticeNotMailedException.unlessMailed(
        event, notices.limitThresholdCrossed(event.data(json, LimitThresholdCrossedV1.class)));
  }
}
