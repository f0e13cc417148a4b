package dev.topgun.licensing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.licensing.domain.PoolUsage;
import dev.topgun.shared.entitlements.Entitlements;
import dev.topgun.shared.entitlements.LicenseState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an organization may use, and what its pool uses now.
 *
 * @param usage counted usage of the pool by counter ({@code users}, {@code servers}, …)
 * @param graceEndsAt while the pool's license is in its grace period
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EntitlementsResponse(
    String organizationId,
    boolean unlimited,
    @Nullable String poolOrganizationId,
    @Nullable String licenseId,
    String status,
    List<String> features,
    Map<String, Long> limits,
    Map<String, Long> usage,
    @Nullable Instant graceEndsAt) {

  static EntitlementsResponse of(String orgId, PoolUsage pool, Instant now) {
    Entitlements entitlements = pool.pool();
    LicenseState state = entitlements.state(now);
    Map<String, Long> limits = new TreeMap<>();
    entitlements.limits().forEach((limit, max) -> limits.put(limit.value(), max));
    Map<String, Long> used = new TreeMap<>();
    pool.usage().forEach((limit, n) -> used.put(limit.counter().orElse(limit.value()), n));
    return new EntitlementsResponse(
        orgId,
        entitlements.isUnlimited(),
        entitlements.poolOrgId(),
        entitlements.licenseId(),
        state.value(),
        entitlements.features().stream().sorted().toList(),
        limits,
        used,
        state == LicenseState.GRACE ? entitlements.graceEndsAt().orElse(null) : null);
  }
}
