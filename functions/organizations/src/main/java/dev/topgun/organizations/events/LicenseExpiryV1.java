package dev.topgun.organizations.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * The {@code data}, version 1, of licensing's {@code LicenseGraceStarted} and {@code
 * LicenseExpired}, as organizations reads it: the license of {@code organizationId} expired at
 * {@code expiresAt}; it works, with warnings, until {@code graceEndsAt}, and its licensed features
 * are read-only after that. Licensing's fixtures ({@code
 * functions/licensing/src/test/resources/events/License{GraceStarted,Expired}-v1.json}) are the
 * contract; organizations' consumer test reads them.
 */
@Serdeable
public record LicenseExpiryV1(
    String licenseId, String organizationId, Instant expiresAt, @Nullable Instant graceEndsAt) {}
