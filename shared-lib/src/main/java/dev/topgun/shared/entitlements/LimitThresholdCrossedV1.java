package dev.topgun.shared.entitlements;

import dev.topgun.shared.events.Event;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The {@code data} of {@code LimitThresholdCrossed}, version 1: a pool's usage of a limit rose past
 * 80 % or 100 % of it. The one definition of the event: every domain that counts usage through
 * {@link Usage} publishes it for the crossings its reservations report (source {@code
 * topgun.<domain>}), and organizations tells the pool's owners. The JSON is pinned by {@code
 * events/LimitThresholdCrossed-v1.json} in shared-lib's test resources (and test-jar).
 *
 * @param organizationId the pool's organization (the licensed one whose usage is counted)
 * @param limit as licenses spell it, {@code max_users}
 * @param percent 80 or 100
 * @param usage the usage after the reservation that crossed
 * @param max the license's maximum
 */
@Serdeable
public record LimitThresholdCrossedV1(
    String organizationId, String limit, int percent, long usage, long max) {

  public static final String NAME = "LimitThresholdCrossed";
  public static final int VERSION = 1;

  public static LimitThresholdCrossedV1 of(ThresholdCrossed crossed) {
    return new LimitThresholdCrossedV1(
        crossed.poolOrgId(),
        crossed.limit().value(),
        crossed.percent(),
        crossed.usage(),
        crossed.max());
  }

  /** The event about the pool's organization, for the outbox of the change that crossed. */
  public Event event() {
    return new Event(NAME, VERSION, organizationId, this, List.of());
  }
}
