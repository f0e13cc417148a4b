package dev.topgun.platform.store;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A connection's subscription to an organization's events: {@code ORG#<orgId>#SUBSCRIBERS} / {@code
 * CONNECTION#<id>} (an organization's subscribers, one Query), listed per connection on GSI1
 * ({@code CONNECTION#<id>#SUBSCRIPTIONS} / {@code ORG#<orgId>}).
 */
public final class SubscriptionItem extends BaseItem {

  static final String TYPE = "SUBSCRIPTION";

  public static final StaticTableSchema<SubscriptionItem> SCHEMA =
      BaseItem.schema(SubscriptionItem.class, SubscriptionItem::new)
          .addAttribute(
              String.class,
              a ->
                  a.name("connectionId")
                      .getter(SubscriptionItem::getConnectionId)
                      .setter(SubscriptionItem::setConnectionId))
          .addAttribute(
              String.class,
              a ->
                  a.name("userId")
                      .getter(SubscriptionItem::getUserId)
                      .setter(SubscriptionItem::setUserId))
          .addAttribute(
              String.class,
              a ->
                  a.name("organizationId")
                      .getter(SubscriptionItem::getOrganizationId)
                      .setter(SubscriptionItem::setOrganizationId))
          .build();

  private String connectionId;
  private String userId;
  private String organizationId;

  public SubscriptionItem() {
    setType(TYPE);
  }

  static String subscribers(String organizationId) {
    return Keys.org(organizationId, "SUBSCRIBERS");
  }

  static String subscriptionsOf(String connectionId) {
    return Keys.of("CONNECTION", connectionId, "SUBSCRIPTIONS");
  }

  static SubscriptionItem of(String connectionId, String userId, String organizationId, long ttl) {
    SubscriptionItem item = new SubscriptionItem();
    item.setPk(subscribers(organizationId));
    item.setSk(ConnectionItem.pk(connectionId));
    item.setGsi1pk(subscriptionsOf(connectionId));
    item.setGsi1sk(Keys.org(organizationId));
    item.setConnectionId(connectionId);
    item.setUserId(userId);
    item.setOrganizationId(organizationId);
    item.setTtl(ttl);
    return item;
  }

  public String getConnectionId() {
    return connectionId;
  }

  public void setConnectionId(String connectionId) {
    this.connectionId = connectionId;
  }

  public String getUserId() {
    return userId;
  }

  public void setUserId(String userId) {
    this.userId = userId;
  }

  public String getOrganizationId() {
    return organizationId;
  }

  public void setOrganizationId(String organizationId) {
    this.organizationId = organizationId;
  }
}
