package dev.topgun.organizations.notices;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * The {@code data} of licensing's {@code LicenseGraceStarted} and {@code LicenseExpired} (version
 * 1): the license of {@code organizationId} expired at {@code expiresAt}; it works, with warnings,
 * until {@code graceEndsAt}, and its licensed features are read-only after that.
 */
@Serdeable
public record LicenseExpiry(
    String licenseId, String organizationId, Instant expiresAt, Instant graceEndsAt) {}
