package dev.topgun.shared.tenancy;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An organization as the table holds it ({@code PK=ORG#<id>, SK=ORG}). The organizations function
 * writes it; authorization reads {@code status}.
 */
public final class OrganizationItem extends BaseItem {

  public static final String TYPE = "ORG";
  public static final String ACTIVE = "active";
  public static final String INACTIVE = "inactive";

  public static final StaticTableSchema<OrganizationItem> SCHEMA =
      BaseItem.schema(OrganizationItem.class, OrganizationItem::new)
          .addAttribute(
              String.class,
              a -> a.name("id").getter(OrganizationItem::getId).setter(OrganizationItem::setId))
          .addAttribute(
              String.class,
              a ->
                  a.name("name")
                      .getter(OrganizationItem::getName)
                      .setter(OrganizationItem::setName))
          .addAttribute(
              String.class,
              a ->
                  a.name("slug")
                      .getter(OrganizationItem::getSlug)
                      .setter(OrganizationItem::setSlug))
          .addAttribute(
              String.class,
              a ->
                  a.name("hierarchyType")
                      .getter(OrganizationItem::getHierarchyType)
                      .setter(OrganizationItem::setHierarchyType))
          .addAttribute(
              String.class,
              a ->
                  a.name("parentId")
                      .getter(OrganizationItem::getParentId)
                      .setter(OrganizationItem::setParentId))
          .addAttribute(
              String.class,
              a ->
                  a.name("status")
                      .getter(OrganizationItem::getStatus)
                      .setter(OrganizationItem::setStatus))
          .addAttribute(
              String.class,
              a ->
                  a.name("deletedAt")
                      .getter(OrganizationItem::getDeletedAt)
                      .setter(OrganizationItem::setDeletedAt))
          .build();

  private String id;
  private String name;
  private String slug;
  private String hierarchyType;
  private String parentId;
  private String status;
  private String deletedAt;

  public OrganizationItem() {
    setType(TYPE);
  }

  /** A new active organization, keyed. */
  public static OrganizationItem of(
      String id, String name, String slug, String hierarchyType, String parentId) {
    OrganizationItem item = new OrganizationItem();
    ItemKey key = TenancyKeys.organization(id);
    item.setPk(key.pk());
    item.setSk(key.sk());
    item.setId(id);
    item.setName(name);
    item.setSlug(slug);
    item.setHierarchyType(hierarchyType);
    item.setParentId(parentId);
    item.setStatus(ACTIVE);
    return item;
  }

  public boolean isActive() {
    return ACTIVE.equals(status);
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getSlug() {
    return slug;
  }

  public void setSlug(String slug) {
    this.slug = slug;
  }

  /** {@code top_branch}, {@code master_branch}, {@code sub_user} or {@code end_user}. */
  public String getHierarchyType() {
    return hierarchyType;
  }

  public void setHierarchyType(String hierarchyType) {
    this.hierarchyType = hierarchyType;
  }

  /** {@code null} for the root. */
  public String getParentId() {
    return parentId;
  }

  public void setParentId(String parentId) {
    this.parentId = parentId;
  }

  /** {@code active} or {@code inactive} (soft-deleted). */
  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  /** When it was deactivated (ISO-8601 UTC); {@code null} while active. */
  public String getDeletedAt() {
    return deletedAt;
  }

  public void setDeletedAt(String deletedAt) {
    this.deletedAt = deletedAt;
  }
}
