package dev.topgun.shared.entitlements;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An organization's current license as every domain reads it ({@code PK=ORG#<orgId>, SK=LICENSE}).
 * The licensing function writes it, in the transaction of every change of that license; shared-lib
 * reads it for entitlements. Only what entitlements need is here; the licensing function owns the
 * rest of the license (its license records extend this with their own attributes). {@link #of} is
 * for tests of other domains, which write licenses as licensing does.
 */
public class LicenseItem extends BaseItem {

  public static final String TYPE = "LICENSE";
  static final String SK = "LICENSE";

  public static final StaticTableSchema<LicenseItem> SCHEMA =
      BaseItem.schema(LicenseItem.class, LicenseItem::new)
          .addAttribute(
              String.class,
              a ->
                  a.name("licenseId")
                      .getter(LicenseItem::getLicenseId)
                      .setter(LicenseItem::setLicenseId))
          .addAttribute(
              String.class,
              a -> a.name("orgId").getter(LicenseItem::getOrgId).setter(LicenseItem::setOrgId))
          .addAttribute(
              String.class,
              a -> a.name("status").getter(LicenseItem::getStatus).setter(LicenseItem::setStatus))
          .addAttribute(
              EnhancedType.listOf(String.class),
              a ->
                  a.name("features")
                      .getter(LicenseItem::getFeatures)
                      .setter(LicenseItem::setFeatures))
          .addAttribute(
              EnhancedType.mapOf(String.class, Long.class),
              a -> a.name("limits").getter(LicenseItem::getLimits).setter(LicenseItem::setLimits))
          .addAttribute(
              String.class,
              a ->
                  a.name("expiresAt")
                      .getter(LicenseItem::getExpiresAt)
                      .setter(LicenseItem::setExpiresAt))
          .addAttribute(
              Integer.class,
              a ->
                  a.name("graceDays")
                      .getter(LicenseItem::getGraceDays)
                      .setter(LicenseItem::setGraceDays))
          .build();

  private String licenseId;
  private String orgId;
  private String status;
  private List<String> features;
  private Map<String, Long> limits;
  private String expiresAt;
  private Integer graceDays;

  public LicenseItem() {
    setType(TYPE);
  }

  /** The key of {@code orgId}'s current license. */
  public static ItemKey key(String orgId) {
    return new ItemKey(Keys.org(orgId), SK);
  }

  /** A license item, keyed. */
  public static LicenseItem of(
      String licenseId,
      String orgId,
      String status,
      List<String> features,
      Map<String, Long> limits) {
    LicenseItem item = new LicenseItem();
    ItemKey key = key(orgId);
    item.setPk(key.pk());
    item.setSk(key.sk());
    item.setLicenseId(licenseId);
    item.setOrgId(orgId);
    item.setStatus(status);
    item.setFeatures(features == null || features.isEmpty() ? null : List.copyOf(features));
    item.setLimits(limits == null || limits.isEmpty() ? null : Map.copyOf(limits));
    return item;
  }

  public String getLicenseId() {
    return licenseId;
  }

  public void setLicenseId(String licenseId) {
    this.licenseId = licenseId;
  }

  public String getOrgId() {
    return orgId;
  }

  public void setOrgId(String orgId) {
    this.orgId = orgId;
  }

  /**
   * The stored status: {@code active}, {@code suspended} or {@code revoked}; grace and expiry
   * follow from {@code expiresAt} and {@code graceDays} ({@link LicenseState#at}).
   */
  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public List<String> getFeatures() {
    return features;
  }

  public void setFeatures(List<String> features) {
    this.features = features;
  }

  /** Limit value ({@code max_users}) → maximum; a limit absent is not limited. */
  public Map<String, Long> getLimits() {
    return limits;
  }

  public void setLimits(Map<String, Long> limits) {
    this.limits = limits;
  }

  /** ISO-8601 UTC; {@code null} for a perpetual license. */
  public String getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(String expiresAt) {
    this.expiresAt = expiresAt;
  }

  /** Days after {@code expiresAt} during which licensed features still work, with a warning. */
  public Integer getGraceDays() {
    return graceDays;
  }

  public void setGraceDays(Integer graceDays) {
    this.graceDays = graceDays;
  }
}
