package dev.topgun.licensing.store;

import dev.topgun.shared.entitlements.LicenseItem;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;
import java.util.List;
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
public final class LicenseRecordItem extends LicenseItem {

  public static final String TYPE = "LICENSE_RECORD";
  static final String LICENSE = "LICENSE";

  public static final StaticTableSchema<LicenseRecordItem> SCHEMA =
      StaticTableSchema.builder(LicenseRecordItem.class)
          .newItemSupplier(LicenseRecordItem::new)
          .extend(LicenseItem.SCHEMA)
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

  private String issuerOrgId;
  private String licenseKey;
  private String keyHash;
  private String licenseType;
  private String tier;
  private List<String> authorizedDomains;
  private String issuedAt;
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
