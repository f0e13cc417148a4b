package dev.topgun.shared.tenancy;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * One ancestor–descendant pair of the organization tree (a closure table row): one item for every
 * ancestor of every organization, at every depth, and none for an organization and itself. In the
 * ancestor's partition, so descendants are one Query on the table; on GSI1 under the descendant,
 * sorted by depth, so ancestors are one Query, nearest first.
 */
public final class ClosureItem extends BaseItem {

  public static final String TYPE = "ORG_CLOSURE";

  public static final StaticTableSchema<ClosureItem> SCHEMA =
      BaseItem.schema(ClosureItem.class, ClosureItem::new)
          .addAttribute(
              String.class,
              a ->
                  a.name("ancestorId")
                      .getter(ClosureItem::getAncestorId)
                      .setter(ClosureItem::setAncestorId))
          .addAttribute(
              String.class,
              a ->
                  a.name("descendantId")
                      .getter(ClosureItem::getDescendantId)
                      .setter(ClosureItem::setDescendantId))
          .addAttribute(
              Integer.class,
              a -> a.name("depth").getter(ClosureItem::getDepth).setter(ClosureItem::setDepth))
          .build();

  private String ancestorId;
  private String descendantId;
  private Integer depth;

  public ClosureItem() {
    setType(TYPE);
  }

  /**
   * @param depth 1 for the parent, 2 for the grandparent, …
   */
  public static ClosureItem of(String ancestorId, String descendantId, int depth) {
    if (ancestorId.equals(descendantId)) {
      throw new IllegalArgumentException("an organization is not its own ancestor");
    }
    ClosureItem item = new ClosureItem();
    ItemKey key = TenancyKeys.closure(ancestorId, descendantId);
    item.setPk(key.pk());
    item.setSk(key.sk());
    item.setGsi1pk(TenancyKeys.ancestorsPartition(descendantId));
    item.setGsi1sk(TenancyKeys.ancestorSortKey(depth, ancestorId));
    item.setAncestorId(ancestorId);
    item.setDescendantId(descendantId);
    item.setDepth(depth);
    return item;
  }

  public String getAncestorId() {
    return ancestorId;
  }

  public void setAncestorId(String ancestorId) {
    this.ancestorId = ancestorId;
  }

  public String getDescendantId() {
    return descendantId;
  }

  public void setDescendantId(String descendantId) {
    this.descendantId = descendantId;
  }

  public Integer getDepth() {
    return depth;
  }

  public void setDepth(Integer depth) {
    this.depth = depth;
  }
}
