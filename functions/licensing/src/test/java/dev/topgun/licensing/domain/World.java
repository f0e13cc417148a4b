package dev.topgun.licensing.domain;

import dev.topgun.licensing.domain.LicenseTerms.LicenseType;
import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The services' unit tests' world: the ports in memory ({@link InMemoryLicenses}, {@link
 * FakePools}, {@link MemorySigningKeys}, {@link FakeAccess}) over a small tree — {@code root
 * (operator) > reseller > agency > customer}, {@code studio} under the reseller, {@code other}
 * under the root — a clock that moves only when told, and the services over them. The caller's
 * checks pass unless a test refuses them.
 */
final class World {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final AuditContext AUDIT = new AuditContext("actor-sub", "203.0.113.7", "req-1");

  final String root = "root";
  final String reseller = "reseller";
  final String agency = "agency";
  final String customer = "customer";
  final String studio = "studio";
  final String other = "other";

  final MovableClock clock = new MovableClock(NOW);
  final InMemoryLicenses licenses = new InMemoryLicenses();
  final FakePools pools = new FakePools(licenses);
  final MemorySigningKeys keys = new MemorySigningKeys();
  final SigningKeyService signing =
      new SigningKeyService(
          keys, document -> document.toString().getBytes(StandardCharsets.UTF_8), clock);
  final LicenseService service = new LicenseService(licenses, pools, signing, clock);
  final ValidationService validation = new ValidationService(licenses, pools, clock);
  final ExpirySweep sweep = new ExpirySweep(licenses, clock);
  final EntitlementsService entitlements = new EntitlementsService(pools);
  final FakeAccess access =
      new FakeAccess(
          Map.of(
              root, List.of(),
              reseller, List.of(root),
              agency, List.of(reseller, root),
              customer, List.of(agency, reseller, root),
              studio, List.of(reseller, root),
              other, List.of(root)),
          pools,
          clock);

  /**
   * A subscription of the professional tier ending {@code lasting} from now, with 7 days' grace.
   */
  static RequestedTerms subscription(
      Set<Feature> features, Map<Limit, Long> limits, Duration lasting) {
    return new RequestedTerms(
        LicenseType.SUBSCRIPTION,
        Tier.PROFESSIONAL,
        features,
        limits,
        List.of(),
        NOW.plus(lasting),
        7);
  }

  /** Only what a change names; the rest stays. */
  static RequestedTerms change(Tier tier, Set<Feature> features, Map<Limit, Long> limits) {
    return new RequestedTerms(null, tier, features, limits, null, null, null);
  }

  /** A year's subscription with {@code limits} and no features. */
  static RequestedTerms year(Map<Limit, Long> limits) {
    return subscription(Set.of(), limits, Duration.ofDays(365));
  }

  License issue(String orgId, RequestedTerms terms) {
    return service.issue(access, orgId, terms, AUDIT);
  }

  /** The reseller licensed by the operator to resell {@code limits} for a year. */
  License resellerLicense(Map<Limit, Long> limits) {
    return issue(
        reseller,
        subscription(
            Set.of(Feature.RESELL_LICENSES, Feature.WHITE_LABEL), limits, Duration.ofDays(365)));
  }

  /** The agency's license, carved from the reseller's, for {@code limits}. */
  License agencyLicense(Map<Limit, Long> limits) {
    return issue(agency, subscription(Set.of(Feature.WHITE_LABEL), limits, Duration.ofDays(30)));
  }
}
