package dev.topgun.licensing.api;

import dev.topgun.licensing.domain.CompactJws;
import dev.topgun.licensing.domain.Feature;
import dev.topgun.licensing.domain.LicenseKey;
import dev.topgun.licensing.domain.LicenseTerms;
import dev.topgun.licensing.domain.Resale;
import dev.topgun.licensing.store.LicenseRecordItem;
import dev.topgun.licensing.store.LicenseStore;
import dev.topgun.licensing.store.SigningKeys;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.entitlements.Entitlements;
import dev.topgun.shared.entitlements.EntitlementsReader;
import dev.topgun.shared.entitlements.FeatureGate;
import dev.topgun.shared.entitlements.LicenseItem;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.PoolShares;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.entitlements.Usage;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.events.EventPublisher;
import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ProblemType;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.Authorizer.Authorized;
import dev.topgun.shared.tenancy.Caller;
import dev.topgun.shared.tenancy.ForbiddenException;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of issuing and changing licenses, over the stores: who may, out of which pool, and what
 * follows for the licenses carved from a changed one.
 *
 * <p>A license is carved from the pool the organization draws on before it has one: its nearest
 * licensed ancestor's (a reseller holding {@code resell_licenses}), or the operator's, which is
 * unlimited. The caller needs {@code licenses:write} on that issuer — an organization's own admin
 * cannot license it. The counted limits handed down are reserved in the issuer's pool like any
 * other usage, so that what a reseller hands down plus what it uses never exceeds what it holds.
 */
@Singleton
class Licensing {

  static final String RESELL = Feature.RESELL_LICENSES.value();
  static final String ACTIVE = "active";
  static final String SUSPENDED = "suspended";
  static final String REVOKED = "revoked";

  /** Suspended because the license it was carved from stopped (revoked or suspended). */
  static final String BY_ISSUER = "issuer";

  static final String DIRECTLY = "direct";

  private final LicenseStore licenses;
  private final SigningKeys signingKeys;
  private final Authorizer authorizer;
  private final EntitlementsReader entitlements;
  private final FeatureGate gate;
  private final Usage usage;
  private final PoolShares shares;
  private final EventPublisher events;
  private final JsonMapper json;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Licensing(
      LicenseStore licenses,
      SigningKeys signingKeys,
      Authorizer authorizer,
      EntitlementsReader entitlements,
      FeatureGate gate,
      Usage usage,
      PoolShares shares,
      EventPublisher events,
      JsonMapper json,
      Clock clock) {
    this.licenses = licenses;
    this.signingKeys = signingKeys;
    this.authorizer = authorizer;
    this.entitlements = entitlements;
    this.gate = gate;
    this.usage = usage;
    this.shares = shares;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /** Issues a license to {@code orgId}. */
  LicenseRecordItem issue(
      Caller caller, String orgId, LicenseRequests.IssueLicense body, AuditContext context) {
    Authorized target = authorizer.authorize(caller, orgId, Permission.LICENSES_WRITE);
    if (target.lineage().ancestors().isEmpty()) {
      throw new ProblemException(
          ProblemType.CONFLICT,
          "The operator's own organization is unlimited and takes no license.");
    }
    Entitlements pool = entitlements.of(target.lineage().ancestorIds());
    LicenseTerms issuerTerms = requireIssuer(caller, target, pool);
    LicenseTerms terms = TermsParser.issue(body, clock.instant());
    if (issuerTerms != null) {
      requireWithin(issuerTerms, terms);
    }
    Optional<LicenseItem> current = licenses.current(orgId);
    if (current.isPresent() && !REVOKED.equals(current.get().getStatus())) {
      throw new ProblemException(
          Problem.of(
                  ProblemType.CONFLICT,
                  "The organization already holds a license; change it with PATCH"
                      + " /v1/licenses/"
                      + current.get().getLicenseId()
                      + " or revoke it first.")
              .with("licenseId", current.get().getLicenseId()));
    }
    LicenseRecordItem record = new LicenseRecordItem();
    String licenseId = Ids.newId();
    record.setPk(LicenseStore.key(orgId, licenseId).pk());
    record.setSk(LicenseStore.key(orgId, licenseId).sk());
    record.setLicenseId(licenseId);
    record.setOrgId(orgId);
    record.setIssuerOrgId(pool.poolOrgId());
    String key = LicenseKey.generate(random);
    record.setLicenseKey(key);
    record.setKeyHash(LicenseKey.hash(key));
    record.setStatus(ACTIVE);
    LicenseViews.apply(terms, record);
    sign(record);
    List<ThresholdCrossed> crossed = new ArrayList<>();
    Map<Limit, Long> reserved = reserve(pool, terms.limits(), crossed);
    LicenseRecordItem stored;
    try {
      stored = licenses.issue(record, current.orElse(null), context);
    } catch (RuntimeException failed) {
      release(pool, reserved);
      throw failed;
    }
    if (current.isEmpty()) {
      carryShare(orgId, pool, terms);
    }
    publish("LicenseIssued", stored);
    crossed.forEach(this::publishThreshold);
    return stored;
  }

  /** A license the caller may read, or 404. */
  LicenseRecordItem readable(Caller caller, String licenseId) {
    LicenseRecordItem record = find(licenseId);
    authorizer.authorize(caller, record.getOrgId(), Permission.LICENSES_READ);
    return record;
  }

  /** Changes a license's terms (renew, tier, features, limits, domains, grace). */
  LicenseRecordItem update(
      Caller caller, String licenseId, LicenseRequests.UpdateLicense body, AuditContext context) {
    LicenseRecordItem record = readable(caller, licenseId);
    Entitlements pool = writable(caller, record);
    if (REVOKED.equals(record.getStatus())) {
      throw new ProblemException(ProblemType.CONFLICT, "A revoked license does not change.");
    }
    LicenseTerms before = LicenseViews.terms(record);
    LicenseTerms after = TermsParser.update(before, body);
    if (!pool.isUnlimited()) {
      requireWithin(LicenseViews.terms(find(pool.licenseId())), after);
    }
    Map<Limit, Long> more = new java.util.EnumMap<>(Limit.class);
    Map<Limit, Long> less = new java.util.EnumMap<>(Limit.class);
    for (Limit limit : Limit.values()) {
      long delta = after.limits().getOrDefault(limit, 0L) - before.limits().getOrDefault(limit, 0L);
      if (delta > 0) {
        more.put(limit, delta);
      } else if (delta < 0) {
        less.put(limit, -delta);
      }
    }
    List<ThresholdCrossed> crossed = new ArrayList<>();
    Map<Limit, Long> reserved = reserve(pool, more, crossed);
    LicenseRecordItem changed = BaseItem.copyOf(LicenseRecordItem.SCHEMA, record);
    LicenseViews.apply(after, changed);
    if (!Objects.equals(before.expiresAt(), after.expiresAt())
        || before.graceDays() != after.graceDays()) {
      changed.setNoticeSent(null); // a renewed license is announced again when it next runs out
    }
    sign(changed);
    LicenseRecordItem stored;
    try {
      stored = licenses.change(changed, "license.updated", context);
    } catch (RuntimeException failed) {
      release(pool, reserved);
      throw failed;
    }
    release(pool, less);
    publish("LicenseUpdated", stored);
    crossed.forEach(this::publishThreshold);
    reevaluateIssued(stored, context);
    return stored;
  }

  /** Revokes a license for good; the licenses carved from it are suspended. */
  LicenseRecordItem revoke(Caller caller, String licenseId, AuditContext context) {
    LicenseRecordItem record = readable(caller, licenseId);
    Entitlements pool = writable(caller, record);
    if (REVOKED.equals(record.getStatus())) {
      return record;
    }
    LicenseRecordItem changed = BaseItem.copyOf(LicenseRecordItem.SCHEMA, record);
    changed.setStatus(REVOKED);
    changed.setSuspendedBy(null);
    LicenseRecordItem stored = licenses.change(changed, "license.revoked", context);
    release(pool, LicenseViews.terms(record).limits());
    publish("LicenseRevoked", stored);
    suspendIssued(stored, context);
    return stored;
  }

  /** Suspends a license (reversible); the licenses carved from it are suspended too. */
  LicenseRecordItem suspend(Caller caller, String licenseId, AuditContext context) {
    LicenseRecordItem record = readable(caller, licenseId);
    writable(caller, record);
    if (REVOKED.equals(record.getStatus())) {
      throw new ProblemException(ProblemType.CONFLICT, "A revoked license cannot be suspended.");
    }
    LicenseRecordItem stored = record;
    if (!SUSPENDED.equals(record.getStatus()) || !DIRECTLY.equals(record.getSuspendedBy())) {
      LicenseRecordItem changed = BaseItem.copyOf(LicenseRecordItem.SCHEMA, record);
      changed.setStatus(SUSPENDED);
      changed.setSuspendedBy(DIRECTLY);
      stored = licenses.change(changed, "license.suspended", context);
      publish("LicenseSuspended", stored);
    }
    suspendIssued(stored, context);
    return stored;
  }

  /** Resumes a suspended license, and the licenses its suspension suspended. */
  LicenseRecordItem resume(Caller caller, String licenseId, AuditContext context) {
    LicenseRecordItem record = readable(caller, licenseId);
    Entitlements pool = writable(caller, record);
    if (!SUSPENDED.equals(record.getStatus())) {
      throw new ProblemException(ProblemType.CONFLICT, "Only a suspended license resumes.");
    }
    if (!pool.isUnlimited() && !ACTIVE.equals(pool.status())) {
      throw new ProblemException(
          ProblemType.CONFLICT,
          "The license this one is carved from is " + pool.status() + "; resume that one first.");
    }
    LicenseRecordItem stored = resumeOne(record, context);
    return stored;
  }

  private LicenseRecordItem resumeOne(LicenseRecordItem record, AuditContext context) {
    LicenseRecordItem changed = BaseItem.copyOf(LicenseRecordItem.SCHEMA, record);
    changed.setStatus(ACTIVE);
    changed.setSuspendedBy(null);
    LicenseRecordItem stored = licenses.change(changed, "license.resumed", context);
    publish("LicenseResumed", stored);
    for (LicenseRecordItem child : licenses.issuedBy(stored.getOrgId())) {
      LicenseRecordItem fresh = licenses.find(child.getLicenseId()).orElse(child);
      if (SUSPENDED.equals(fresh.getStatus()) && BY_ISSUER.equals(fresh.getSuspendedBy())) {
        resumeOne(fresh, context);
      }
    }
    return stored;
  }

  private void suspendIssued(LicenseRecordItem issuer, AuditContext context) {
    for (LicenseRecordItem child : licenses.issuedBy(issuer.getOrgId())) {
      LicenseRecordItem fresh = licenses.find(child.getLicenseId()).orElse(child);
      if (ACTIVE.equals(fresh.getStatus())) {
        LicenseRecordItem changed = BaseItem.copyOf(LicenseRecordItem.SCHEMA, fresh);
        changed.setStatus(SUSPENDED);
        changed.setSuspendedBy(BY_ISSUER);
        LicenseRecordItem stored = licenses.change(changed, "license.suspended", context);
        publish("LicenseSuspended", stored);
        suspendIssued(stored, context);
      }
    }
  }

  /** Licenses carved from a changed one are brought back within it (features, end). */
  private void reevaluateIssued(LicenseRecordItem issuer, AuditContext context) {
    LicenseTerms issuerTerms = LicenseViews.terms(issuer);
    for (LicenseRecordItem child : licenses.issuedBy(issuer.getOrgId())) {
      LicenseRecordItem fresh = licenses.find(child.getLicenseId()).orElse(child);
      if (REVOKED.equals(fresh.getStatus())) {
        continue;
      }
      LicenseTerms before = LicenseViews.terms(fresh);
      LicenseTerms within = Resale.within(issuerTerms, before);
      if (!within.equals(before)) {
        LicenseRecordItem changed = BaseItem.copyOf(LicenseRecordItem.SCHEMA, fresh);
        LicenseViews.apply(within, changed);
        sign(changed);
        LicenseRecordItem stored = licenses.change(changed, "license.reevaluated", context);
        publish("LicenseUpdated", stored);
        reevaluateIssued(stored, context);
      }
    }
  }

  /** The license of {@code id}, or 404. */
  LicenseRecordItem find(String licenseId) {
    if (!Ids.isValid(licenseId)) {
      throw new NotFoundException();
    }
    return licenses.find(licenseId).orElseThrow(NotFoundException::new);
  }

  /**
   * Checks that the caller may change {@code record}: {@code licenses:write} on its issuer (the
   * operator's organization when the operator issued it). Returns the issuer's pool.
   */
  private Entitlements writable(Caller caller, LicenseRecordItem record) {
    Authorized licensee = authorizer.authorize(caller, record.getOrgId(), Permission.LICENSES_READ);
    Entitlements pool = entitlements.of(licensee.lineage().ancestorIds());
    String issuer = record.getIssuerOrgId() == null ? root(licensee) : record.getIssuerOrgId();
    Authorized granted;
    try {
      granted = authorizer.authorize(caller, issuer, Permission.LICENSES_WRITE);
    } catch (NotFoundException hidden) {
      throw new ForbiddenException(Permission.LICENSES_WRITE);
    }
    if (record.getIssuerOrgId() == null) {
      return Entitlements.unlimited();
    }
    // A reseller's licenses are its licensed feature: read-only once its own license lapsed.
    gate.require(granted, RESELL, FeatureGate.Access.WRITE);
    return pool.poolOrgId() != null && pool.poolOrgId().equals(record.getIssuerOrgId())
        ? pool
        : entitlements.of(List.of(record.getIssuerOrgId()));
  }

  /**
   * Checks that the caller may issue out of {@code pool} to {@code target}; returns the issuer's
   * terms, or null when the operator issues (unlimited).
   */
  private LicenseTerms requireIssuer(Caller caller, Authorized target, Entitlements pool) {
    String issuer = pool.isUnlimited() ? root(target) : pool.poolOrgId();
    Authorized granted;
    try {
      granted = authorizer.authorize(caller, issuer, Permission.LICENSES_WRITE);
    } catch (NotFoundException hidden) {
      throw new ForbiddenException(Permission.LICENSES_WRITE);
    }
    if (pool.isUnlimited()) {
      return null;
    }
    gate.require(granted, RESELL, FeatureGate.Access.WRITE);
    return LicenseViews.terms(find(pool.licenseId()));
  }

  private static void requireWithin(LicenseTerms issuer, LicenseTerms child) {
    List<Resale.Violation> violations = Resale.violations(issuer, child);
    if (!violations.isEmpty()) {
      throw new ProblemException(
          Problem.of(
                  ProblemType.VALIDATION,
                  "A license cannot hold more than the license it is carved from.")
              .withErrors(
                  violations.stream().map(v -> new FieldError(v.field(), v.message())).toList()));
    }
  }

  private Map<Limit, Long> reserve(
      Entitlements pool, Map<Limit, Long> amounts, List<ThresholdCrossed> crossed) {
    Map<Limit, Long> reserved = new java.util.EnumMap<>(Limit.class);
    try {
      for (Map.Entry<Limit, Long> amount : amounts.entrySet()) {
        if (amount.getKey().counter().isPresent() && amount.getValue() > 0) {
          usage.reserve(pool, amount.getKey(), amount.getValue()).ifPresent(crossed::add);
          reserved.put(amount.getKey(), amount.getValue());
        }
      }
    } catch (RuntimeException failed) {
      release(pool, reserved);
      throw failed;
    }
    return reserved;
  }

  private void release(Entitlements pool, Map<Limit, Long> amounts) {
    amounts.forEach(
        (limit, n) -> {
          if (limit.counter().isPresent()) {
            usage.release(pool, limit, n);
          }
        });
  }

  /**
   * The organizations and memberships of the newly licensed subtree leave the pool they drew on and
   * count in the new license's pool (the organization itself stays counted where it was made).
   */
  private void carryShare(String orgId, Entitlements outer, LicenseTerms terms) {
    PoolShares.Share share = shares.of(orgId, true);
    Map<Limit, Long> moving =
        Map.of(
            Limit.MAX_CHILD_ORGANIZATIONS, Math.max(0, share.organizations() - 1),
            Limit.MAX_USERS, share.memberships());
    moving.forEach(
        (limit, n) -> {
          usage.release(outer, limit, n);
          if (terms.limits().containsKey(limit)) {
            usage.carryIn(orgId, limit, n);
          }
        });
  }

  /** Signs the record's current terms with the current key. */
  void sign(LicenseRecordItem record) {
    SigningKeys.Signer signer = signingKeys.current();
    byte[] payload;
    try {
      payload = json.writeValueAsBytes(LicenseViews.document(record));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    record.setDocument(CompactJws.sign(signer.privateKey(), signer.kid(), payload));
    record.setKid(signer.kid());
  }

  /** The operator's organization: the top of the lineage. */
  private static String root(Authorized authorized) {
    List<String> ancestors = authorized.lineage().ancestorIds();
    return ancestors.isEmpty() ? authorized.lineage().orgId() : ancestors.get(ancestors.size() - 1);
  }

  private void publish(String name, LicenseRecordItem record) {
    events.publishCommitted(
        Event.of(
            name,
            record.getOrgId(),
            new LicenseChanged(
                record.getLicenseId(),
                record.getOrgId(),
                record.getStatus(),
                record.getTier(),
                record.getIssuerOrgId())));
  }

  private void publishThreshold(ThresholdCrossed crossed) {
    events.publishCommitted(
        Event.of(
            "LimitThresholdCrossed",
            crossed.poolOrgId(),
            new LimitThresholdCrossed(
                crossed.poolOrgId(),
                crossed.limit().value(),
                crossed.percent(),
                crossed.usage(),
                crossed.max())));
  }

  /** The {@code data} of {@code LicenseIssued/Updated/Revoked/Suspended/Resumed} (version 1). */
  @Serdeable
  record LicenseChanged(
      String licenseId,
      String organizationId,
      String status,
      String tier,
      @io.micronaut.core.annotation.Nullable String issuerOrganizationId) {}

  /** The {@code data} of {@code LimitThresholdCrossed} (version 1), as organizations sends it. */
  @Serdeable
  record LimitThresholdCrossed(
      String organizationId, String limit, int percent, long usage, long max) {}
}
