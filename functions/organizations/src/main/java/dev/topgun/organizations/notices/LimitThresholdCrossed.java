package dev.topgun.organizations.notices;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code data} of {@code LimitThresholdCrossed} (version 1): a pool's usage of a limit crossed
 * 80 % or 100 %. Organizations publishes it for the limits it counts (child organizations, users)
 * and takes it from licensing for the others.
 */
@Serdeable
public record LimitThresholdCrossed(
    String organizationId, String limit, int percent, long usage, long max) {}
