package dev.topgun.shared.branding;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A custom hostname an organization claimed, written twice in one transaction: under its owner
 * ({@code PK=ORG#<orgId>, SK=HOSTNAME#<hostname>}, for the owner's list) and as the global lookup
 * ({@code PK=HOSTNAME#<hostname>, SK=HOSTNAME}, created with {@code attribute_not_exists(PK)}, so
 * it is also the claim's uniqueness marker and what a request's host is resolved with, in one
 * strongly consistent read). {@code lineage} is the owner and its ancestors, nearest first, so that
 * resolving needs no tree query.
 */
public final class HostnameItem extends BaseItem {

  public static final String TYPE = "HOSTNAME";

  public static final String PENDING = "pending";
  public static final String VERIFIED = "verified";
  public static final String SUSPENDED = "suspended";

  public static final StaticTableSchema<HostnameItem> SCHEMA =
      BaseItem.schema(HostnameItem.class, HostnameItem::new)
          .addAttribute(
              String.class,
              a ->
                  a.name("hostname")
                      .getter(HostnameItem::getHostname)
                      .setter(HostnameItem::setHostname))
          .addAttribute(
              String.class,
              a -> a.name("orgId").getter(HostnameItem::getOrgId).setter(HostnameItem::setOrgId))
          .addAttribute(
              String.class,
              a -> a.name("status").getter(HostnameItem::getStatus).setter(HostnameItem::setStatus))
          .addAttribute(
              String.class,
              a -> a.name("token").getter(HostnameItem::getToken).setter(HostnameItem::setToken))
          .addAttribute(
              String.class,
              a ->
                  a.name("verifiedAt")
                      .getter(HostnameItem::getVerifiedAt)
                      .setter(HostnameItem::setVerifiedAt))
          .addAttribute(
              String.class,
              a ->
                  a.name("checkedAt")
                      .getter(HostnameItem::getCheckedAt)
                      .setter(HostnameItem::setCheckedAt))
          .addAttribute(
              String.class,
              a ->
                  a.name("suspendedAt")
                      .getter(HostnameItem::getSuspendedAt)
                      .setter(HostnameItem::setSuspendedAt))
          .addAttribute(
              software.amazon.awssdk.enhanced.dynamodb.EnhancedType.listOf(String.class),
              a ->
                  a.name("lineage")
                      .getter(HostnameItem::getLineage)
                      .setter(HostnameItem::setLineage))
          .build();

  private String hostname;
  private String orgId;
  private String status;
  private String token;
  private String verifiedAt;
  private String checkedAt;
  private String suspendedAt;
  private List<String> lineage;

  public HostnameItem() {
    setType(TYPE);
  }

  /** The owner's item of {@code hostname}. */
  public static HostnameItem owned(String orgId, String hostname) {
    return keyed(BrandingKeys.ownedHostname(orgId, hostname), orgId, hostname);
  }

  /** The global lookup item of {@code hostname}. */
  public static HostnameItem lookup(String orgId, String hostname) {
    return keyed(BrandingKeys.hostnameLookup(hostname), orgId, hostname);
  }

  private static HostnameItem keyed(ItemKey key, String orgId, String hostname) {
    HostnameItem item = new HostnameItem();
    item.setPk(key.pk());
    item.setSk(key.sk());
    item.setOrgId(orgId);
    item.setHostname(hostname);
    return item;
  }

  public boolean isVerified() {
    return VERIFIED.equals(status);
  }

  public String getHostname() {
    return hostname;
  }

  public void setHostname(String hostname) {
    this.hostname = hostname;
  }

  public String getOrgId() {
    return orgId;
  }

  public void setOrgId(String orgId) {
    this.orgId = orgId;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public String getVerifiedAt() {
    return verifiedAt;
  }

  public void setVerifiedAt(String verifiedAt) {
    this.verifiedAt = verifiedAt;
  }

  public String getCheckedAt() {
    return checkedAt;
  }

  public void setCheckedAt(String checkedAt) {
    this.checkedAt = checkedAt;
  }

  public String getSuspendedAt() {
    return suspendedAt;
  }

  public void setSuspendedAt(String suspendedAt) {
    this.suspendedAt = suspendedAt;
  }

  public List<String> getLineage() {
    return lineage;
  }

  public void setLineage(List<String> lineage) {
    this.lineage = lineage;
  }
}
