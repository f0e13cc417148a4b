package dev.topgun.licensing.domain;

import dev.topgun.licensing.domain.LicenseTerms.LicenseType;
import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.shared.entitlements.Limit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Terms as a request names them, each field well-formed (the api checked each): what {@link Terms}
 * makes a license's terms of. A field that is null is absent — for a new license, its default; for
 * a change, unchanged. {@code features} and {@code limits} replace the whole set.
 *
 * @param authorizedDomains host names or {@code *.} and a host name, as typed
 */
public record RequestedTerms(
    LicenseType licenseType,
    Tier tier,
    Set<Feature> features,
    Map<Limit, Long> limits,
    List<String> authorizedDomains,
    Instant expiresAt,
    Integer graceDays) {}
