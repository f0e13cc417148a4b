package dev.topgun.shared.store;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A domain item as a function module would define one: a widget of an organization. */
public final class WidgetItem extends BaseItem {

  static final String TYPE = "WIDGET";

  public static final StaticTableSchema<WidgetItem> SCHEMA =
      BaseItem.schema(WidgetItem.class, WidgetItem::new)
          .addAttribute(
              String.class,
              a -> a.name("name").getter(WidgetItem::getName).setter(WidgetItem::setName))
          .addAttribute(
              String.class,
              a -> a.name("slug").getter(WidgetItem::getSlug).setter(WidgetItem::setSlug))
          .build();

  private String name;
  private String slug;

  public WidgetItem() {
    setType(TYPE);
  }

  /**
   * Widget {@code id} of organization {@code orgId}, listed by slug on GSI1 and by name on GSI2.
   */
  public static WidgetItem of(String orgId, String id, String name, String slug) {
    WidgetItem item = new WidgetItem();
    item.setPk(Keys.org(orgId));
    item.setSk(Keys.of("WIDGET", id));
    item.setGsi1pk(Keys.org(orgId, "WIDGETS-BY-SLUG"));
    item.setGsi1sk(slug);
    item.setGsi2pk(Keys.of("WIDGET-NAME", name));
    item.setGsi2sk(Keys.org(orgId));
    item.setName(name);
    item.setSlug(slug);
    return item;
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
}
