package dev.topgun.shared.tenancy;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A user's membership of an organization ({@code PK=ORG#<orgId>, SK=MEMBER#<userId>}), on GSI1
 * under the user ({@code USER#<userId>} / {@code ORG#<orgId>}) for "my organizations".
 */
public final class MembershipItem extends BaseItem {

  public static final String TYPE = "MEMBER";

  public static final StaticTableSchema<MembershipItem> SCHEMA =
      BaseItem.schema(MembershipItem.class, MembershipItem::new)
          .addAttribute(
              String.class,
              a ->
                  a.name("orgId").getter(MembershipItem::getOrgId).setter(MembershipItem::setOrgId))
          .addAttribute(
              String.class,
              a ->
                  a.name("userId")
                      .getter(MembershipItem::getUserId)
                      .setter(MembershipItem::setUserId))
          .addAttribute(
              String.class,
              a -> a.name("role").getter(MembershipItem::getRole).setter(MembershipItem::setRole))
          .addAttribute(
              EnhancedType.listOf(String.class),
              a ->
                  a.name("grants")
                      .getter(MembershipItem::getGrants)
                      .setter(MembershipItem::setGrants))
          .addAttribute(
              String.class,
              a ->
                  a.name("email").getter(MembershipItem::getEmail).setter(MembershipItem::setEmail))
          .build();

  private String orgId;
  private String userId;
  private String role;
  private List<String> grants;
  private String email;

  public MembershipItem() {
    setType(TYPE);
  }

  /** The item of a membership, keyed. */
  public static MembershipItem of(Membership membership) {
    MembershipItem item = new MembershipItem();
    ItemKey key = TenancyKeys.membership(membership.orgId(), membership.userId());
    item.setPk(key.pk());
    item.setSk(key.sk());
    item.setGsi1pk(TenancyKeys.userPartition(membership.userId()));
    item.setGsi1sk(TenancyKeys.organization(membership.orgId()).pk());
    item.setOrgId(membership.orgId());
    item.setUserId(membership.userId());
    item.setRole(membership.role().value());
    List<String> grants = new ArrayList<>();
    membership.grants().forEach(g -> grants.add(g.value()));
    item.setGrants(grants.isEmpty() ? null : grants);
    item.setEmail(membership.email());
    return item;
  }

  /**
   * The membership, or empty when the stored role is not one this code knows (such an item gives no
   * rights rather than failing every request). Unknown grants are dropped for the same reason.
   */
  public Optional<Membership> toMembership() {
    Optional<Role> known = role == null ? Optional.empty() : Role.from(role);
    if (known.isEmpty() || orgId == null || userId == null) {
      return Optional.empty();
    }
    EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
    if (grants != null) {
      grants.forEach(g -> Permission.from(g).ifPresent(permissions::add));
    }
    return Optional.of(new Membership(orgId, userId, known.get(), permissions, email));
  }

  public String getOrgId() {
    return orgId;
  }

  public void setOrgId(String orgId) {
    this.orgId = orgId;
  }

  public String getUserId() {
    return userId;
  }

  public void setUserId(String userId) {
    this.userId = userId;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  /** Permission values ({@code servers:write}); {@code null} when there are none. */
  public List<String> getGrants() {
    return grants;
  }

  public void setGrants(List<String> grants) {
    this.grants = grants;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }
}
