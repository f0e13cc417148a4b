package dev.topgun.licensing.domain;

import dev.topgun.shared.entitlements.Entitlements;
import dev.topgun.shared.entitlements.FeatureNotLicensedException;
import dev.topgun.shared.entitlements.LicenseReadOnlyException;
import dev.topgun.shared.entitlements.LicenseState;
import dev.topgun.shared.tenancy.ForbiddenException;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A caller's checks in memory, as the api's {@code AccessChecks} asks the check point and the gate:
 * organizations the caller cannot see (404) or may only read (403 on writes); an issuer whose own
 * license lacks {@code resell_licenses} or takes no writes is refused as the feature gate refuses.
 * It keeps every question asked, in order.
 */
final class FakeAccess implements LicenseAccess {

  private final Map<String, List<String>> ancestors;
  private final FakePools pools;
  private final Clock clock;
  final Set<String> hidden = new HashSet<>();
  final Set<String> readOnly = new HashSet<>();
  final List<String> asked = new ArrayList<>();

  FakeAccess(Map<String, List<String>> ancestors, FakePools pools, Clock clock) {
    this.ancestors = ancestors;
    this.pools = pools;
    this.clock = clock;
  }

  @Override
  public Chain licensee(String orgId, boolean write) {
    asked.add((write ? "write " : "read ") + orgId);
    require(orgId, write);
    return chain(orgId);
  }

  @Override
  public void mayIssueFrom(String issuerOrgId, boolean resells) {
    asked.add("issue from " + issuerOrgId + (resells ? " (resells)" : ""));
    if (hidden.contains(issuerOrgId)) {
      throw new ForbiddenException(Permission.LICENSES_WRITE);
    }
    require(issuerOrgId, true);
    if (resells) {
      Entitlements pool = pools.of(chain(issuerOrgId).chainIds());
      String feature = Feature.RESELL_LICENSES.value();
      if (!pool.features().contains(feature)) {
        throw new FeatureNotLicensedException(feature);
      }
      LicenseState state = pool.state(clock.instant());
      if (!state.writable()) {
        throw new LicenseReadOnlyException(feature, state);
      }
    }
  }

  Chain chain(String orgId) {
    return new Chain(orgId, ancestors.get(orgId));
  }

  private void require(String orgId, boolean write) {
    if (hidden.contains(orgId) || !ancestors.containsKey(orgId)) {
      throw new NotFoundException();
    }
    if (write && readOnly.contains(orgId)) {
      throw new ForbiddenException(Permission.LICENSES_WRITE);
    }
  }
}
