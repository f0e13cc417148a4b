package dev.topgun.licensing.domain;

import dev.topgun.licensing.events.LicensingEvents;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.entitlements.Entitlements;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.tenancy.NotFoundException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of issuing and changing licenses: who may, out of which pool, and what follows for the
 * licenses carved from a changed one ({@link CarvedLicenses}).
 *
 * <p>A license is carved from the pool the organization draws on before it has one: its nearest
 * licensed ancestor's (a reseller holding {@code resell_licenses}), or the operator's, which is
 * unlimited. The caller needs {@code licenses:write} on that issuer, so an organization's own admin
 * cannot license or upgrade it. A carved license never holds more than its issuer ({@link Resale}),
 * and its counted limits are reserved in the issuer's pool like any other usage, so that what a
 * reseller hands down plus what it uses never exceeds what it holds.
 */
public final class LicenseService {

  private final Licenses licenses;
  private final Pools pools;
  private final SigningKeyService signing;
  private final CarvedLicenses carved;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public LicenseService(Licenses licenses, Pools pools, SigningKeyService signing, Clock clock) {
    this.licenses = licenses;
    this.pools = pools;
    this.signing = signing;
    this.carved = new CarvedLicenses(licenses, signing);
    this.clock = clock;
  }

  /** Issues a license to {@code orgId} out of the pool it draws on. */
  public License issue(
      LicenseAccess access, String orgId, RequestedTerms requested, AuditContext audit) {
    Chain target = access.licensee(orgId, true);
    if (target.isRoot()) {
      throw LicenseRuleException.of(
          LicenseRuleException.OPERATOR_UNLIMITED,
          "The operator's own organization is unlimited and takes no license.");
    }
    Entitlements pool = pools.of(target.ancestorIds());
    access.mayIssueFrom(pool.isUnlimited() ? target.root() : pool.poolOrgId(), !pool.isUnlimited());
    LicenseTerms terms = Terms.issue(requested, clock.instant());
    if (!pool.isUnlimited()) {
      Terms.requireWithin(termsOf(pool), terms);
    }
    Optional<CurrentLicense> current = licenses.current(orgId);
    if (current.isPresent() && !current.get().isRevoked()) {
      throw LicenseRuleException.alreadyLicensed(current.get().licenseId());
    }
    License license =
        signing.sign(
            License.issued(
                Ids.newId(), orgId, pool.poolOrgId(), LicenseKey.generate(random), terms));
    LicenseChange change =
        LicenseChange.of(audit, "license.issued", Facts.changed(LicensingEvents.ISSUED, license));
    License stored =
        pools.reserving(
            pool,
            terms.limits(),
            crossed -> licenses.issue(license, current, change.withCrossings(crossed)));
    if (current.isEmpty()) {
      carryShare(orgId, pool, terms);
    }
    return stored;
  }

  /** A license the caller may read ({@code licenses:read} on its organization), or 404. */
  public License read(LicenseAccess access, String licenseId) {
    License license = find(licenseId);
    access.licensee(license.orgId(), false);
    return license;
  }

  /** The organization's licenses, newest first (revoked ones too); the caller may read them. */
  public Page<License> list(String orgId, Paging paging) {
    return licenses.list(orgId, paging);
  }

  /** Changes a license's terms; the licenses carved from it are brought within it. */
  public License update(
      LicenseAccess access, String licenseId, RequestedTerms requested, AuditContext audit) {
    License current = find(licenseId);
    Entitlements pool = issuerPool(access, current);
    requireNotRevoked(current, "A revoked license does not change.");
    LicenseTerms after = Terms.update(current.terms(), requested);
    if (!pool.isUnlimited()) {
      Terms.requireWithin(termsOf(pool), after);
    }
    Terms.Deltas deltas = Terms.deltas(current.terms(), after);
    License next = signing.sign(current.changedTo(after));
    LicenseChange change =
        LicenseChange.of(audit, "license.updated", Facts.changed(LicensingEvents.UPDATED, next));
    License stored =
        pools.reserving(
            pool, deltas.more(), crossed -> licenses.change(next, change.withCrossings(crossed)));
    pools.release(pool, deltas.less());
    carved.bringWithin(stored, audit);
    return stored;
  }

  /**
   * Revokes a license for good (a revoked one stays as it is): its limits go back to its issuer's
   * pool, and the licenses carved from it are suspended.
   */
  public License revoke(LicenseAccess access, String licenseId, AuditContext audit) {
    License current = find(licenseId);
    Entitlements pool = issuerPool(access, current);
    if (current.isRevoked()) {
      return current;
    }
    License stored =
        carved.write(
            current.withStatus(LicenseStatus.REVOKED, null),
            "license.revoked",
            LicensingEvents.REVOKED,
            audit);
    pools.release(pool, current.terms().limits());
    carved.suspend(stored, audit);
    return stored;
  }

  /** Suspends a license (reversible); the licenses carved from it are suspended too. */
  public License suspend(LicenseAccess access, String licenseId, AuditContext audit) {
    License current = find(licenseId);
    issuerPool(access, current);
    requireNotRevoked(current, "A revoked license cannot be suspended.");
    License stored = current;
    if (current.status() != LicenseStatus.SUSPENDED || current.suspendedBy() != Suspension.DIRECT) {
      stored = carved.suspendOne(current, Suspension.DIRECT, audit);
    }
    carved.suspend(stored, audit);
    return stored;
  }

  /** Resumes a suspended license, and the licenses its suspension suspended. */
  public License resume(LicenseAccess access, String licenseId, AuditContext audit) {
    License current = find(licenseId);
    // Under a suspended or revoked issuer the feature gate refuses (its licenses take no writes).
    issuerPool(access, current);
    if (current.status() != LicenseStatus.SUSPENDED) {
      throw LicenseRuleException.of(
          LicenseRuleException.NOT_SUSPENDED, "Only a suspended license resumes.");
    }
    return carved.resume(current, audit);
  }

  /** The license of {@code licenseId}, or 404 (an id that could not be one is not found). */
  private License find(String licenseId) {
    if (!Ids.isValid(licenseId)) {
      throw new NotFoundException();
    }
    return licenses.find(licenseId).orElseThrow(NotFoundException::new);
  }

  /**
   * Checks that the caller may change {@code license} — it may read it, and holds {@code
   * licenses:write} on its issuer (the operator's organization when the operator issued it) — and
   * returns the issuer's pool.
   */
  private Entitlements issuerPool(LicenseAccess access, License license) {
    Chain licensee = access.licensee(license.orgId(), false);
    if (license.operatorIssued()) {
      access.mayIssueFrom(licensee.root(), false);
      return Entitlements.unlimited();
    }
    access.mayIssueFrom(license.issuerOrgId(), true);
    Entitlements pool = pools.of(licensee.ancestorIds());
    return license.issuerOrgId().equals(pool.poolOrgId())
        ? pool
        : pools.of(List.of(license.issuerOrgId()));
  }

  private LicenseTerms termsOf(Entitlements pool) {
    return find(pool.licenseId()).terms();
  }

  private static void requireNotRevoked(License license, String message) {
    if (license.isRevoked()) {
      throw LicenseRuleException.of(LicenseRuleException.REVOKED, message);
    }
  }

  /**
   * The organizations and memberships of a newly licensed subtree leave the pool they drew on and
   * count in its new pool, where the new license limits them (the organization itself stays counted
   * where it was made).
   */
  private void carryShare(String orgId, Entitlements outer, LicenseTerms terms) {
    Pools.Share share = pools.shareOf(orgId);
    Map<Limit, Long> moving = new EnumMap<>(Limit.class);
    moving.put(Limit.MAX_CHILD_ORGANIZATIONS, Math.max(0, share.organizations() - 1));
    moving.put(Limit.MAX_USERS, share.memberships());
    pools.release(outer, moving);
    moving.keySet().retainAll(terms.limits().keySet());
    pools.carryIn(orgId, moving);
  }
}
