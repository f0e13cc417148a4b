package dev.topgun.licensing.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code data}, version 1, of {@code LicenseIssued}, {@code LicenseUpdated}, {@code
 * LicenseSuspended}, {@code LicenseResumed} and {@code LicenseRevoked}: the license after the
 * change. Fixtures: {@code src/test/resources/events/License{Issued,Updated,Suspended,Resumed,
 * Revoked}-v1.json}.
 *
 * @param status the stored status: {@code active}, {@code suspended} or {@code revoked}
 * @param tier {@code basic}, {@code professional} or {@code enterprise}
 * @param issuerOrganizationId the organization whose pool it is carved from; null when the operator
 *     issued it
 */
@Serdeable
public record LicenseChangedV1(
    String licenseId,
    String organizationId,
    String status,
    String tier,
    @Nullable String issuerOrganizationId) {}
