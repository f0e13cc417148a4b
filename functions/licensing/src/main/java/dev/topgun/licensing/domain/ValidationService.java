package dev.topgun.licensing.domain;

import java.time.Clock;
import java.util.Optional;

/**
 * Validation by key: whoever holds a key (a self-hosted instance, a reseller's panel) asks whether
 * its license may run on a host now. Every answer reads the license and its pool's usage
 * consistently — no cache — so a revoke counts at the next validation.
 */
public final class ValidationService {

  private final Licenses licenses;
  private final Pools pools;
  private final Clock clock;

  public ValidationService(Licenses licenses, Pools pools, Clock clock) {
    this.licenses = licenses;
    this.pools = pools;
    this.clock = clock;
  }

  /**
   * @param typedKey the key as typed (one that cannot be a key is {@code not_found} unread)
   * @param host the host name asking, canonical ({@link DomainBinding#normalize}); null for none
   */
  public Validation validate(String typedKey, String host) {
    Optional<License> found = LicenseKey.normalize(typedKey).flatMap(licenses::findByKey);
    if (found.isEmpty()) {
      return new Validation(Verdict.notFound(), null);
    }
    License license = found.get();
    Verdict verdict = Verdict.of(license, host, pools.usage(license.orgId()), clock.instant());
    return new Validation(verdict, verdict.valid() ? license.terms() : null);
  }
}
