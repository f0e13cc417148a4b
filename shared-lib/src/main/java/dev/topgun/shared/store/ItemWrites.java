package dev.topgun.shared.store;

import dev.topgun.shared.time.Timestamps;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Stamps version and timestamps on items about to be written, the same way for single writes and
 * transactions, and never on the caller's object: a write that fails leaves it as it was.
 */
final class ItemWrites {

  static final String NOT_EXISTS = "attribute_not_exists(#pk)";
  static final String VERSION_IS = "#v = :expected";
  static final Map<String, String> PK_NAME = Map.of("#pk", TopgunTable.PK);
  static final Map<String, String> VERSION_NAME = Map.of("#v", TopgunTable.VERSION);

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final Clock clock;

  ItemWrites(DynamoDbClient dynamoDb, String tableName, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
    this.clock = clock;
  }

  /** An item ready to be written, and the version the write must find (for updates/deletes). */
  record Stamped<T>(T item, Map<String, AttributeValue> attributes, Long expectedVersion) {
    Map<String, AttributeValue> expectedVersionValue() {
      return Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
    }
  }

  <T extends BaseItem> Stamped<T> forCreate(TableSchema<T> schema, T item) {
    T copy = copy(schema, item);
    String now = Timestamps.now(clock);
    copy.setVersion(1L);
    copy.setCreatedAt(now);
    copy.setUpdatedAt(now);
    return new Stamped<>(copy, schema.itemToMap(copy, true), null);
  }

  <T extends BaseItem> Stamped<T> forUpdate(TableSchema<T> schema, T item) {
    long expected = requireVersion(item, "update");
    if (item.getCreatedAt() == null) {
      throw new IllegalArgumentException(
          "An update takes the item as read from the table; createdAt is missing on " + item.key());
    }
    T copy = copy(schema, item);
    copy.setVersion(expected + 1);
    copy.setUpdatedAt(Timestamps.now(clock));
    return new Stamped<>(copy, schema.itemToMap(copy, true), expected);
  }

  <T extends BaseItem> Stamped<T> forPut(TableSchema<T> schema, T item) {
    T copy = copy(schema, item);
    String now = Timestamps.now(clock);
    copy.setVersion(item.getVersion() == null ? 1L : item.getVersion() + 1);
    if (copy.getCreatedAt() == null) {
      copy.setCreatedAt(now);
    }
    copy.setUpdatedAt(now);
    return new Stamped<>(copy, schema.itemToMap(copy, true), null);
  }

  static long requireVersion(BaseItem item, String operation) {
    if (item.getVersion() == null) {
      throw new IllegalArgumentException(
          "An " + operation + " needs the version that was read; none on " + item.key());
    }
    return item.getVersion();
  }

  /** The version stored now, or empty when the item does not exist; read after a conflict. */
  Optional<Long> currentVersion(ItemKey key) {
    GetItemResponse response =
        dynamoDb.getItem(
            r ->
                r.tableName(tableName)
                    .key(key.toAttributeMap())
                    .consistentRead(true)
                    .projectionExpression("#pk, #v")
                    .expressionAttributeNames(
                        Map.of("#pk", TopgunTable.PK, "#v", TopgunTable.VERSION)));
    if (!response.hasItem() || !response.item().containsKey(TopgunTable.PK)) {
      return Optional.empty();
    }
    AttributeValue version = response.item().get(TopgunTable.VERSION);
    return Optional.of(version == null ? 0L : Long.parseLong(version.n()));
  }

  VersionConflictException conflict(ItemKey key, long expected) {
    return new VersionConflictException(key, expected, currentVersion(key).orElse(null));
  }

  private static <T extends BaseItem> T copy(TableSchema<T> schema, T item) {
    validate(item);
    return BaseItem.copyOf(schema, item);
  }

  private static void validate(BaseItem item) {
    item.key();
    if (item.getType() == null || item.getType().isBlank()) {
      throw new IllegalArgumentException("Every item needs a type; none on " + item.key());
    }
  }
}
