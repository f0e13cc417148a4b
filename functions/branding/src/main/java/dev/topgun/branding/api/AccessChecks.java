package dev.topgun.branding.api;

import dev.topgun.branding.domain.Target;
import dev.topgun.shared.entitlements.FeatureGate;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.Authorizer.Authorized;
import dev.topgun.shared.tenancy.Caller;
import dev.topgun.shared.tenancy.Permission;
import jakarta.inject.Singleton;

/**
 * The controllers' calls to the one check point, {@link Authorizer}, and the feature gate: reading
 * a brand needs {@code branding:read}; changing one needs {@code branding:write} and the license
 * feature {@code white_label} on the organization's pool (403 naming it). An organization the
 * caller cannot see is a plain 404, before the gate.
 */
@Singleton
class AccessChecks {

  static final String WHITE_LABEL = "white_label";

  private final Authorizer authorizer;
  private final FeatureGate gate;

  AccessChecks(Authorizer authorizer, FeatureGate gate) {
    this.authorizer = authorizer;
    this.gate = gate;
  }

  Target read(Caller caller, String orgId) {
    Authorized granted = authorizer.authorize(caller, orgId, Permission.BRANDING_READ);
    gate.require(granted, WHITE_LABEL, FeatureGate.Access.READ);
    return target(granted);
  }

  /** Reading a brand every member may see (the effective brand), licensed or not. */
  Target view(Caller caller, String orgId) {
    return target(authorizer.authorize(caller, orgId, Permission.BRANDING_READ));
  }

  Target write(Caller caller, String orgId) {
    Authorized granted = authorizer.authorize(caller, orgId, Permission.BRANDING_WRITE);
    gate.require(granted, WHITE_LABEL, FeatureGate.Access.WRITE);
    return target(granted);
  }

  private static Target target(Authorized granted) {
    return new Target(granted.lineage().orgId(), granted.lineage().ancestorIds());
  }
}
