package dev.topgun.shared.entitlements;

import dev.topgun.shared.tenancy.Authorizer.Authorized;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * The licensed-feature gate. An endpoint of a licensed feature calls {@link #require} right after
 * {@code Authorizer.authorize} (so an organization the caller cannot see is still a plain 404):
 *
 * <ul>
 *   <li>no license up the tree (the operator's own) — allowed;
 *   <li>the pool's license lacks the feature — 403 naming it ({@link FeatureNotLicensedException});
 *   <li>active — allowed; in grace — allowed, and the response carries a {@code Warning} header
 *       with the end of the grace period ({@link LicenseWarningFilter});
 *   <li>expired after grace, suspended or revoked — reads allowed, writes 403 ({@link
 *       LicenseReadOnlyException}): licensed features are read-only, basic functions (which declare
 *       no feature) keep working.
 * </ul>
 */
@Singleton
public class FeatureGate {

  /** Request attribute holding the grace period's end, for {@link LicenseWarningFilter}. */
  static final String GRACE_ENDS = "topgun.license.grace-ends";

  /** Whether the request reads or writes the feature's data. */
  public enum Access {
    READ,
    WRITE
  }

  private final EntitlementsReader entitlements;
  private final Clock clock;

  public FeatureGate(EntitlementsReader entitlements, Clock clock) {
    this.entitlements = entitlements;
    this.clock = clock;
  }

  /**
   * Returns when the organization of {@code granted} may use {@code feature} for {@code access}.
   *
   * @throws FeatureNotLicensedException the license does not include the feature
   * @throws LicenseReadOnlyException a write while the license is expired, suspended or revoked
   */
  public Entitlements require(Authorized granted, String feature, Access access) {
    Entitlements pool = entitlements.of(granted.lineage());
    Instant now = clock.instant();
    check(pool, feature, access, now);
    if (pool.state(now) == LicenseState.GRACE) {
      Instant ends = pool.graceEndsAt().orElseThrow();
      ServerRequestContext.currentRequest().ifPresent(r -> r.setAttribute(GRACE_ENDS, ends));
    }
    return pool;
  }

  /** The rule alone, for tests and callers outside a request. */
  static void check(Entitlements pool, String feature, Access access, Instant now) {
    if (pool.isUnlimited()) {
      return;
    }
    if (!pool.features().contains(feature)) {
      throw new FeatureNotLicensedException(feature);
    }
    LicenseState state = pool.state(now);
    if (access == Access.WRITE && !state.writable()) {
      throw new LicenseReadOnlyException(feature, state);
    }
  }
}
