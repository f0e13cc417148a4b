package dev.topgun.licensing.api;

import dev.topgun.licensing.domain.EntitlementsService;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;

/**
 * {@code GET /v1/organizations/{orgId}/entitlements}: what the organization may use — the features
 * and limits of the pool it draws on (its own license or its nearest licensed ancestor's; none for
 * the operator's own tree) — and the pool's current usage.
 */
@Controller("/v1/organizations/{orgId}/entitlements")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EntitlementsController {

  private final EntitlementsService entitlements;
  private final AccessChecks access;
  private final Clock clock;

  EntitlementsController(EntitlementsService entitlements, AccessChecks access, Clock clock) {
    this.entitlements = entitlements;
    this.access = access;
    this.clock = clock;
  }

  /** {@code licenses:read}. */
  @Get
  public EntitlementsResponse get(SignedInUser user, @PathVariable String orgId) {
    return EntitlementsResponse.of(
        orgId,
        entitlements.of(access.authorize(user.caller(), orgId, Permission.LICENSES_READ)),
        clock.instant());
  }
}
