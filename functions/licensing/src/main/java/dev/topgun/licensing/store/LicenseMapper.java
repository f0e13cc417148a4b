package dev.topgun.licensing.store;

import dev.topgun.licensing.domain.CurrentLicense;
import dev.topgun.licensing.domain.Feature;
import dev.topgun.licensing.domain.License;
import dev.topgun.licensing.domain.LicenseKey;
import dev.topgun.licensing.domain.LicenseStatus;
import dev.topgun.licensing.domain.LicenseTerms;
import dev.topgun.licensing.domain.LicenseTerms.LicenseType;
import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.licensing.domain.Notice;
import dev.topgun.licensing.domain.Suspension;
import dev.topgun.shared.entitlements.LicenseItem;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Revision;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Between the domain's {@link License} and the table's items, both ways: the license record, the
 * organization's current license every domain reads ({@link LicenseItem}), and the indexes. The
 * only place that knows both shapes.
 */
final class LicenseMapper {

  static final String LICENSE = "LICENSE";
  static final String ISSUED = "ISSUED";
  static final String DUE_PARTITION = "LICENSES#DUE";

  private LicenseMapper() {}

  static License license(LicenseRecordItem item) {
    return new License(
        item.getLicenseId(),
        item.getOrgId(),
        item.getIssuerOrgId(),
        item.getLicenseKey(),
        terms(item),
        LicenseStatus.from(item.getStatus())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "license " + item.getLicenseId() + " has no known status")),
        Suspension.from(item.getSuspendedBy()).orElse(null),
        item.getDocument(),
        item.getKid(),
        Notice.from(item.getNoticeSent()).orElse(null),
        Revision.of(item));
  }

  /** The record of {@code license}, keyed and indexed, at the revision it was read at. */
  static LicenseRecordItem item(License license) {
    LicenseRecordItem item = new LicenseRecordItem();
    var key = LicenseRecordItem.key(license.orgId(), license.id());
    item.setPk(key.pk());
    item.setSk(key.sk());
    writeShared(license, item);
    LicenseTerms terms = license.terms();
    item.setIssuerOrgId(license.issuerOrgId());
    item.setLicenseKey(license.key());
    item.setKeyHash(LicenseKey.hash(license.key()));
    item.setLicenseType(terms.licenseType().value());
    item.setTier(terms.tier().value());
    item.setAuthorizedDomains(
        terms.authorizedDomains().isEmpty() ? null : terms.authorizedDomains());
    item.setIssuedAt(terms.issuedAt().toString());
    item.setSuspendedBy(license.suspendedBy() == null ? null : license.suspendedBy().value());
    item.setDocument(license.document());
    item.setKid(license.kid());
    item.setNoticeSent(license.noticeSent() == null ? null : license.noticeSent().value());
    if (license.issuerOrgId() != null) {
      item.setGsi1pk(issuedPartition(license.issuerOrgId()));
      item.setGsi1sk(Keys.of(LICENSE, license.id()));
    }
    license
        .nextNoticeAt()
        .ifPresent(
            due -> {
              item.setGsi2pk(DUE_PARTITION);
              item.setGsi2sk(due + Keys.SEPARATOR + license.id());
            });
    return license.revision().stamp(item);
  }

  /** The organization's current license, as every domain reads it, at {@code revision}. */
  static LicenseItem current(License license, Revision revision) {
    LicenseItem item = new LicenseItem();
    var key = LicenseItem.key(license.orgId());
    item.setPk(key.pk());
    item.setSk(key.sk());
    writeShared(license, item);
    return revision.stamp(item);
  }

  static CurrentLicense current(LicenseItem item) {
    return new CurrentLicense(
        item.getLicenseId(),
        LicenseStatus.from(item.getStatus()).orElse(LicenseStatus.REVOKED),
        Revision.of(item));
  }

  /** A pool's licenses carved from it, one Query on GSI1. */
  static String issuedPartition(String issuerOrgId) {
    return Keys.org(issuerOrgId, ISSUED);
  }

  /** What the record and the current license both hold: what entitlements read. */
  private static void writeShared(License license, LicenseItem item) {
    LicenseTerms terms = license.terms();
    item.setLicenseId(license.id());
    item.setOrgId(license.orgId());
    item.setStatus(license.status().value());
    item.setFeatures(terms.features().isEmpty() ? null : terms.featureValues());
    item.setLimits(terms.limits().isEmpty() ? null : terms.limitValues());
    item.setExpiresAt(terms.expiresAt() == null ? null : terms.expiresAt().toString());
    item.setGraceDays(terms.graceDays());
  }

  private static LicenseTerms terms(LicenseRecordItem item) {
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    if (item.getFeatures() != null) {
      item.getFeatures().forEach(f -> Feature.from(f).ifPresent(features::add));
    }
    Map<Limit, Long> limits = new EnumMap<>(Limit.class);
    if (item.getLimits() != null) {
      item.getLimits().forEach((name, max) -> Limit.from(name).ifPresent(l -> limits.put(l, max)));
    }
    return new LicenseTerms(
        LicenseType.from(item.getLicenseType()).orElseThrow(),
        Tier.from(item.getTier()).orElseThrow(),
        features,
        limits,
        item.getAuthorizedDomains() == null ? List.of() : item.getAuthorizedDomains(),
        Instant.parse(item.getIssuedAt()),
        item.getExpiresAt() == null ? null : Instant.parse(item.getExpiresAt()),
        item.getGraceDays() == null ? 0 : item.getGraceDays());
  }
}
