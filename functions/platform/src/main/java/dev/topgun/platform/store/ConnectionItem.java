package dev.topgun.platform.store;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A console's WebSocket connection: {@code CONNECTION#<id>} / {@code CONNECTION}, listed per user
 * on GSI1 ({@code USER#<sub>#CONNECTIONS} / {@code CONNECTION#<id>}).
 */
public final class ConnectionItem extends BaseItem {

  static final String TYPE = "CONNECTION";

  public static final StaticTableSchema<ConnectionItem> SCHEMA =
      BaseItem.schema(ConnectionItem.class, ConnectionItem::new)
          .addAttribute(
              String.class,
              a ->
                  a.name("connectionId")
                      .getter(ConnectionItem::getConnectionId)
                      .setter(ConnectionItem::setConnectionId))
          .addAttribute(
              String.class,
              a ->
                  a.name("userId")
                      .getter(ConnectionItem::getUserId)
                      .setter(ConnectionItem::setUserId))
          .build();

  private String connectionId;
  private String userId;

  public ConnectionItem() {
    setType(TYPE);
  }

  static String pk(String connectionId) {
    return Keys.of("CONNECTION", connectionId);
  }

  static String userConnections(String userId) {
    return Keys.of("USER", userId, "CONNECTIONS");
  }

  static ConnectionItem of(String connectionId, String userId, long ttl) {
    ConnectionItem item = new ConnectionItem();
    item.setPk(pk(connectionId));
    item.setSk(TYPE);
    item.setGsi1pk(userConnections(userId));
    item.setGsi1sk(pk(connectionId));
    item.setConnectionId(connectionId);
    item.setUserId(userId);
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
}
