package dev.topgun.organizations.store;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An invitation, keyed by the SHA-256 of its token ({@code PK=INVITATION#<hash>, SK=INVITATION}):
 * the token itself is only in the e-mail, so the table alone cannot be used to accept one. Removed
 * by the table's {@code ttl} 30 days after it expires.
 */
public final class InvitationItem extends BaseItem {

  public static final String TYPE = "INVITATION";

  public static final StaticTableSchema<InvitationItem> SCHEMA =
      BaseItem.schema(InvitationItem.class, InvitationItem::new)
          .addAttribute(
              String.class,
              a -> a.name("id").getter(InvitationItem::getId).setter(InvitationItem::setId))
          .addAttribute(
              String.class,
              a ->
                  a.name("orgId").getter(InvitationItem::getOrgId).setter(InvitationItem::setOrgId))
          .addAttribute(
              String.class,
              a ->
                  a.name("email").getter(InvitationItem::getEmail).setter(InvitationItem::setEmail))
          .addAttribute(
              String.class,
              a -> a.name("role").getter(InvitationItem::getRole).setter(InvitationItem::setRole))
          .addAttribute(
              EnhancedType.listOf(String.class),
              a ->
                  a.name("grants")
                      .getter(InvitationItem::getGrants)
                      .setter(InvitationItem::setGrants))
          .addAttribute(
              String.class,
              a ->
                  a.name("invitedBy")
                      .getter(InvitationItem::getInvitedBy)
                      .setter(InvitationItem::setInvitedBy))
          .addAttribute(
              String.class,
              a ->
                  a.name("expiresAt")
                      .getter(InvitationItem::getExpiresAt)
                      .setter(InvitationItem::setExpiresAt))
          .addAttribute(
              String.class,
              a ->
                  a.name("status")
                      .getter(InvitationItem::getStatus)
                      .setter(InvitationItem::setStatus))
          .addAttribute(
              String.class,
              a ->
                  a.name("acceptedBy")
                      .getter(InvitationItem::getAcceptedBy)
                      .setter(InvitationItem::setAcceptedBy))
          .build();

  private String id;
  private String orgId;
  private String email;
  private String role;
  private List<String> grants;
  private String invitedBy;
  private String expiresAt;
  private String status;
  private String acceptedBy;

  public InvitationItem() {
    setType(TYPE);
  }

  static ItemKey key(String tokenHash) {
    return new ItemKey(Keys.of(TYPE, tokenHash), TYPE);
  }

  /** The SHA-256 of the token, which the key holds. */
  String tokenHash() {
    return getPk().substring(TYPE.length() + 1);
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getOrgId() {
    return orgId;
  }

  public void setOrgId(String orgId) {
    this.orgId = orgId;
  }

  /** Lower-cased. */
  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public List<String> getGrants() {
    return grants;
  }

  public void setGrants(List<String> grants) {
    this.grants = grants;
  }

  public String getInvitedBy() {
    return invitedBy;
  }

  public void setInvitedBy(String invitedBy) {
    this.invitedBy = invitedBy;
  }

  public String getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(String expiresAt) {
    this.expiresAt = expiresAt;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getAcceptedBy() {
    return acceptedBy;
  }

  public void setAcceptedBy(String acceptedBy) {
    this.acceptedBy = acceptedBy;
  }
}
