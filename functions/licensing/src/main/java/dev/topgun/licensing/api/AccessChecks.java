package dev.topgun.licensing.api;

import dev.topgun.licensing.domain.Chain;
import dev.topgun.licensing.domain.Feature;
import dev.topgun.licensing.domain.LicenseAccess;
import dev.topgun.shared.entitlements.FeatureGate;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.Authorizer.Authorized;
import dev.topgun.shared.tenancy.Caller;
import dev.topgun.shared.tenancy.ForbiddenException;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import jakarta.inject.Singleton;

/**
 * The controllers' calls to the one check point, {@link Authorizer}, and to the feature gate: the
 * caller's {@link LicenseAccess}, which the domain's rules ask in the order they need. Nothing here
 * decides who may; it only names the permissions and the feature.
 */
@Singleton
class AccessChecks {

  private final Authorizer authorizer;
  private final FeatureGate gate;

  AccessChecks(Authorizer authorizer, FeatureGate gate) {
    this.authorizer = authorizer;
    this.gate = gate;
  }

  /** {@code permission} on {@code orgId}; what the check read of it. */
  Chain authorize(Caller caller, String orgId, Permission permission) {
    return chain(authorizer.authorize(caller, orgId, permission));
  }

  LicenseAccess of(Caller caller) {
    return new LicenseAccess() {
      @Override
      public Chain licensee(String orgId, boolean write) {
        return authorize(
            caller, orgId, write ? Permission.LICENSES_WRITE : Permission.LICENSES_READ);
      }

      @Override
      public void mayIssueFrom(String issuerOrgId, boolean resells) {
        Authorized issuer;
        try {
          issuer = authorizer.authorize(caller, issuerOrgId, Permission.LICENSES_WRITE);
        } catch (NotFoundException hidden) {
          throw new ForbiddenException(Permission.LICENSES_WRITE);
        }
        if (resells) {
          gate.require(issuer, Feature.RESELL_LICENSES.value(), FeatureGate.Access.WRITE);
        }
      }
    };
  }

  private static Chain chain(Authorized authorized) {
    return new Chain(authorized.lineage().orgId(), authorized.lineage().ancestorIds());
  }
}
