package dev.topgun.licensing.store;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A license as the licensing function keeps it (key schema in this module's README):
 *
 * <pre>
 * PK=ORG#&lt;orgId&gt;  SK=LICENSE#&lt;licenseId&gt;
 * GSI1PK=ORG#&lt;issuerOrgId&gt;#ISSUED  GSI1SK=LICENSE#&lt;licenseId&gt;   (licenses carved from a pool)
 * GSI2PK=LICENSES#DUE  GSI2SK=&lt;next notice time&gt;#&lt;licenseId&gt;     (grace and expiry notices)
 * </pre>
 *
 * The organization's current license is mirrored, in the same transaction, into shared-lib's {@code
 * LicenseItem} ({@code SK=LICENSE}), which every domain reads for entitlements.
 */
public final class LicenseRecordItem extends BaseItem {

  public static final String TYPE = "LICENSE_RECORD";
  static final String LICENSE = "LICENSE";

  public static final StaticTableSchema<LicenseRecordItem> SCHEMA =
      BaseItem.schema(LicenseRecordItem.class, LicenseRecordItem::new)
          .addAttribute(
              String.class,
              a ->
                  a.name("licenseId")
                      .getter(LicenseRecordItem::getLicenseId)
                      .setter(LicenseRecordItem::setLicenseId))
          .addAttribute(
              String.class,
              a ->
                  a.name("orgId")
                      .getter(LicenseRecordItem::getOrgId)
                      .setter(LicenseRecordItem::setOrgId))
          .addAttribute(
              String.class,
              a ->
                  a.name("issuerOrgId")
                      .getter(LicenseRecordItem::getIssuerOrgId)
                      .setter(LicenseRecordItem::setIssuerOrgId))
          .addAttribute(
              String.class,
              a ->
                  a.name("licenseKey")
                      .getter(LicenseRecordItem::getLicenseKey)
                      .setter(LicenseRecordItem::setLicenseKey))
          .addAttribute(
              String.class,
              a ->
                  a.name("keyHash")
                      .getter(LicenseRecordItem::getKeyHash)
                      .setter(LicenseRecordItem::setKeyHash))
          .addAttribute(
              String.class,
              a ->
                  a.name("licenseType")
                      .getter(LicenseRecordItem::getLicenseType)
                      .setter(LicenseRecordItem::setLicenseType))
          .addAttribute(
              String.class,
              a ->
                  a.name("tier")
                      .getter(LicenseRecordItem::getTier)
                      .setter(LicenseRecordItem::setTier))
          .addAttribute(
              EnhancedType.listOf(String.class),
              a ->
                  a.name("features")
                      .getter(LicenseRecordItem::getFeatures)
                      .setter(LicenseRecordItem::setFeatures))
          .addAttribute(
              EnhancedType.mapOf(String.class, Long.class),
              a ->
                  a.name("limits")
                      .getter(LicenseRecordItem::getLimits)
                      .setter(LicenseRecordItem::setLimits))
          .addAttribute(
              EnhancedType.listOf(String.class),
              a ->
                  a.name("authorizedDomains")
                      .getter(LicenseRecordItem::getAuthorizedDomains)
                      .setter(LicenseRecordItem::setAuthorizedDomains))
          .addAttribute(
              String.class,
              a ->
                  a.name("issuedAt")
                      .getter(LicenseRecordItem::getIssuedAt)
                      .setter(LicenseRecordItem::setIssuedAt))
          .addAttribute(
              String.class,
              a ->
                  a.name("expiresAt")
                      .getter(LicenseRecordItem::getExpiresAt)
                      .setter(LicenseRecordItem::setExpiresAt))
          .addAttribute(
              Integer.class,
              a ->
                  a.name("graceDays")
                      .getter(LicenseRecordItem::getGraceDays)
                      .setter(LicenseRecordItem::setGraceDays))
          .addAttribute(
              String.class,
              a ->
                  a.name("status")
                      .getter(LicenseRecordItem::getStatus)
                      .setter(LicenseRecordItem::setStatus))
          .addAttribute(
              String.class,
              a ->
                  a.name("suspendedBy")
                      .getter(LicenseRecordItem::getSuspendedBy)
                      .setter(LicenseRecordItem::setSuspendedBy))
          .addAttribute(
              String.class,
              a ->
                  a.name("document")
                      .getter(LicenseRecordItem::getDocument)
                      .setter(LicenseRecordItem::setDocument))
          .addAttribute(
              String.class,
              a ->
                  a.name("kid").getter(LicenseRecordItem::getKid).setter(LicenseRecordItem::setKid))
          .addAttribute(
              String.class,
              a ->
                  a.name("noticeSent")
                      .getter(LicenseRecordItem::getNoticeSent)
                      .setter(LicenseRecordItem::setNoticeSent))
          .build();

  private String licenseId;
  private String orgId;
  private String issuerOrgId;
  private String licenseKey;
  private String keyHash;
  private String licenseType;
  private String tier;
  private List<String> features;
  private Map<String, Long> limits;
  private List<String> authorizedDomains;
  private String issuedAt;
  private String expiresAt;
  private Integer graceDays;
  private String status;
  private String suspendedBy;
  private String document;
  private String kid;
  private String noticeSent;

  public LicenseRecordItem() {
    setType(TYPE);
  }

  /** The key of license {@code licenseId} of {@code orgId}. */
  public static ItemKey key(String orgId, String licenseId) {
    return new ItemKey(Keys.org(orgId), Keys.of(LICENSE, licenseId));
  }

  /** The license id (ULID). */
  public String getLicenseId() {
    return licenseId;
  }

  public void setLicenseId(String licenseId) {
    this.licenseId = licenseId;
  }

  /** The licensed organization. */
  public String getOrgId() {
    return orgId;
  }

  public void setOrgId(String orgId) {
    this.orgId = orgId;
  }

  /** The licensed organization whose pool it is carved from; null when the operator issued it. */
  public String getIssuerOrgId() {
    return issuerOrgId;
  }

  public void setIssuerOrgId(String issuerOrgId) {
    this.issuerOrgId = issuerOrgId;
  }

  /** The key (TG-…). */
  public String getLicenseKey() {
    return licenseKey;
  }

  public void setLicenseKey(String licenseKey) {
    this.licenseKey = licenseKey;
  }

  /** SHA-256 of the key. */
  public String getKeyHash() {
    return keyHash;
  }

  public void setKeyHash(String keyHash) {
    this.keyHash = keyHash;
  }

  public String getLicenseType() {
    return licenseType;
  }

  public void setLicenseType(String licenseType) {
    this.licenseType = licenseType;
  }

  public String getTier() {
    return tier;
  }

  public void setTier(String tier) {
    this.tier = tier;
  }

  public List<String> getFeatures() {
    return features;
  }

  public void setFeatures(List<String> features) {
    this.features = features;
  }

  public Map<String, Long> getLimits() {
    return limits;
  }

  public void setLimits(Map<String, Long> limits) {
    this.limits = limits;
  }

  public List<String> getAuthorizedDomains() {
    return authorizedDomains;
  }

  public void setAuthorizedDomains(List<String> authorizedDomains) {
    this.authorizedDomains = authorizedDomains;
  }

  public String getIssuedAt() {
    return issuedAt;
  }

  public void setIssuedAt(String issuedAt) {
    this.issuedAt = issuedAt;
  }

  /** ISO-8601; null for a license that never expires. */
  public String getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(String expiresAt) {
    this.expiresAt = expiresAt;
  }

  public Integer getGraceDays() {
    return graceDays;
  }

  public void setGraceDays(Integer graceDays) {
    this.graceDays = graceDays;
  }

  /** Active, suspended or revoked (grace and expired follow from the time). */
  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  /** Issuer when a change of the issuer's license suspended it, operator otherwise. */
  public String getSuspendedBy() {
    return suspendedBy;
  }

  public void setSuspendedBy(String suspendedBy) {
    this.suspendedBy = suspendedBy;
  }

  /** The signed license document (compact JWS). */
  public String getDocument() {
    return document;
  }

  public void setDocument(String document) {
    this.document = document;
  }

  /** The signing key of the document. */
  public String getKid() {
    return kid;
  }

  public void setKid(String kid) {
    this.kid = kid;
  }

  /** The last of grace / expired this license was announced for. */
  public String getNoticeSent() {
    return noticeSent;
  }

  public void setNoticeSent(String noticeSent) {
    this.noticeSent = noticeSent;
  }
}
