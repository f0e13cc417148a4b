package dev.topgun.licensing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.shared.entitlements.Entitlements;
import dev.topgun.shared.entitlements.EntitlementsReader;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.Usage;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.Authorizer.Authorized;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /v1/organizations/{orgId}/entitlements}: what the organization may use — the features
 * and limits of the pool it draws on (its own license or its nearest licensed ancestor's; none for
 * the operator's own tree) — and the pool's current usage.
 */
@Controller("/v1/organizations/{orgId}/entitlements")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EntitlementsController {

  private final Authorizer authorizer;
  private final EntitlementsReader reader;
  private final Usage usage;
  private final Clock clock;

  EntitlementsController(
      Authorizer authorizer, EntitlementsReader reader, Usage usage, Clock clock) {
    this.authorizer = authorizer;
    this.reader = reader;
    this.usage = usage;
    this.clock = clock;
  }

  /** {@code licenses:read}. */
  @Get
  public EntitlementsView get(SignedInUser user, @PathVariable String orgId) {
    Authorized granted = authorizer.authorize(user.caller(), orgId, Permission.LICENSES_READ);
    Entitlements pool = reader.of(granted.lineage());
    Instant now = clock.instant();
    Map<String, Long> limits = new TreeMap<>();
    pool.limits().forEach((limit, max) -> limits.put(limit.value(), max));
    Map<String, Long> used = new TreeMap<>();
    if (!pool.isUnlimited()) {
      usage.all(pool.poolOrgId()).forEach((limit, n) -> used.put(counterName(limit), n));
    }
    return new EntitlementsView(
        orgId,
        pool.isUnlimited(),
        pool.poolOrgId(),
        pool.licenseId(),
        pool.state(now).value(),
        pool.features().stream().sorted().toList(),
        limits,
        used,
        pool.state(now) == dev.topgun.shared.entitlements.LicenseState.GRACE
            ? pool.graceEndsAt().orElse(null)
            : null);
  }

  /**
   * @param usage counted usage of the pool by counter ({@code users}, {@code servers}, …)
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record EntitlementsView(
      String organizationId,
      boolean unlimited,
      @Nullable String poolOrganizationId,
      @Nullable String licenseId,
      String status,
      List<String> features,
      Map<String, Long> limits,
      Map<String, Long> usage,
      @Nullable Instant graceEndsAt) {}

  static String counterName(Limit limit) {
    return limit.counter().orElse(limit.value());
  }
}
