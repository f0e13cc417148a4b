package dev.topgun.licensing.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * The {@code data}, version 1, of {@code LicenseGraceStarted} (the license expired and works, with
 * warnings, until {@code graceEndsAt}) and {@code LicenseExpired} (its grace ended: its licensed
 * features are read-only). Fixtures: {@code
 * src/test/resources/events/License{GraceStarted,Expired}-v1.json}, which organizations' consumer
 * test reads too.
 *
 * @param graceEndsAt the end of its grace period ({@code expiresAt} itself without grace)
 */
@Serdeable
public record LicenseExpiryV1(
    String licenseId, String organizationId, Instant expiresAt, Instant graceEndsAt) {}
