package dev.topgun.shared.store;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Reads and single-item writes on the table, for items described by a {@link TableSchema} over
 * {@link BaseItem}. Writes stamp {@code version}, {@code createdAt} and {@code updatedAt} from the
 * injected clock and return the stored copy; the caller's object is left alone.
 *
 * <p>There is deliberately no scan: every list is a {@link Query} on a key or an index.
 */
@Singleton
public final class SingleTableStore {

  private static final int BATCH_GET_LIMIT = 100;
  private static final int MAX_BATCH_ATTEMPTS = 5;

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final CursorCodec cursors;
  private final ItemWrites writes;

  public SingleTableStore(
      DynamoDbClient dynamoDb, TopgunTable table, Clock clock, CursorCodec cursors) {
    this.dynamoDb = dynamoDb;
    this.tableName = table.name();
    this.cursors = cursors;
    this.writes = new ItemWrites(dynamoDb, tableName, clock);
  }

  public String tableName() {
    return tableName;
  }

  /** A strongly consistent read of one item, so a client reads its own writes. */
  public <T extends BaseItem> Optional<T> get(TableSchema<T> schema, ItemKey key) {
    GetItemResponse response =
        dynamoDb.getItem(
            r -> r.tableName(tableName).key(key.toAttributeMap()).consistentRead(true));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(schema.mapToItem(response.item()));
  }

  public <T extends BaseItem> Optional<T> get(TableSchema<T> schema, String pk, String sk) {
    return get(schema, new ItemKey(pk, sk));
  }

  /**
   * Writes a new item at version 1.
   *
   * @throws ItemAlreadyExistsException if an item with the same key exists
   */
  public <T extends BaseItem> T create(TableSchema<T> schema, T item) {
    ItemWrites.Stamped<T> write = writes.forCreate(schema, item);
    try {
      dynamoDb.putItem(
          r ->
              r.tableName(tableName)
                  .item(write.attributes())
                  .conditionExpression(ItemWrites.NOT_EXISTS)
                  .expressionAttributeNames(ItemWrites.PK_NAME));
    } catch (ConditionalCheckFailedException e) {
      throw new ItemAlreadyExistsException(item.key());
    }
    return write.item();
  }

  /**
   * Replaces an item read earlier, if it is still at the version read; the stored copy has the next
   * version.
   *
   * @throws VersionConflictException if the item changed or disappeared since it was read
   */
  public <T extends BaseItem> T update(TableSchema<T> schema, T item) {
    ItemWrites.Stamped<T> write = writes.forUpdate(schema, item);
    try {
      dynamoDb.putItem(
          r ->
              r.tableName(tableName)
                  .item(write.attributes())
                  .conditionExpression(ItemWrites.VERSION_IS)
                  .expressionAttributeNames(ItemWrites.VERSION_NAME)
                  .expressionAttributeValues(write.expectedVersionValue()));
    } catch (ConditionalCheckFailedException e) {
      throw writes.conflict(item.key(), write.expectedVersion());
    }
    return write.item();
  }

  /**
   * Writes an item whatever is stored: last writer wins. Only for items nobody updates
   * concurrently, e.g. metric samples and roll-ups.
   */
  public <T extends BaseItem> T put(TableSchema<T> schema, T item) {
    ItemWrites.Stamped<T> write = writes.forPut(schema, item);
    dynamoDb.putItem(r -> r.tableName(tableName).item(write.attributes()));
    return write.item();
  }

  /**
   * Deletes an item read earlier, if it is still at the version read.
   *
   * @throws VersionConflictException if the item changed or disappeared since it was read
   */
  public void delete(BaseItem item) {
    long expected = ItemWrites.requireVersion(item, "delete");
    ItemKey key = item.key();
    try {
      dynamoDb.deleteItem(
          r ->
              r.tableName(tableName)
                  .key(key.toAttributeMap())
                  .conditionExpression(ItemWrites.VERSION_IS)
                  .expressionAttributeNames(ItemWrites.VERSION_NAME)
                  .expressionAttributeValues(
                      Map.of(":expected", AttributeValue.fromN(Long.toString(expected)))));
    } catch (ConditionalCheckFailedException e) {
      throw writes.conflict(key, expected);
    }
  }

  /** Deletes whatever is stored at {@code key}; answers whether there was an item. */
  public boolean delete(ItemKey key) {
    DeleteItemResponse response =
        dynamoDb.deleteItem(
            r ->
                r.tableName(tableName).key(key.toAttributeMap()).returnValues(ReturnValue.ALL_OLD));
    return response.hasAttributes() && !response.attributes().isEmpty();
  }

  /**
   * One page of items of one partition.
   *
   * @throws InvalidCursorException if {@code query.cursor()} was not issued for this query
   */
  public <T extends BaseItem> Page<T> query(TableSchema<T> schema, Query query) {
    Index index = query.index();
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    names.put("#p", index.partitionKey());
    values.put(":p", AttributeValue.fromS(query.partition()));
    StringBuilder condition = new StringBuilder("#p = :p");
    if (query.sort() != null) {
      names.put("#s", index.sortKey());
      if (query.sort() instanceof Query.SortCondition.BeginsWith b) {
        condition.append(" AND begins_with(#s, :s)");
        values.put(":s", AttributeValue.fromS(b.prefix()));
      } else if (query.sort() instanceof Query.SortCondition.Between b) {
        condition.append(" AND #s BETWEEN :from AND :to");
        values.put(":from", AttributeValue.fromS(b.from()));
        values.put(":to", AttributeValue.fromS(b.to()));
      }
    }
    QueryRequest.Builder request =
        QueryRequest.builder()
            .tableName(tableName)
            .keyConditionExpression(condition.toString())
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)
            .scanIndexForward(query.forward())
            .limit(query.limit())
            .consistentRead(query.consistentRead());
    index.indexName().ifPresent(request::indexName);
    if (query.cursor() != null) {
      request.exclusiveStartKey(cursors.decode(query));
    }
    QueryResponse response = dynamoDb.query(request.build());
    List<T> items = new ArrayList<>(response.count());
    for (Map<String, AttributeValue> item : response.items()) {
      items.add(schema.mapToItem(item));
    }
    String next =
        response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
            ? cursors.encode(query, response.lastEvaluatedKey())
            : null;
    return new Page<>(items, next);
  }

  /**
   * Every item {@code query} matches, page after page ({@link Query#MAX_LIMIT} each), handed to
   * {@code each} in order. For lists a function needs whole (ancestors, a subtree, owners); an API
   * list answers one page at a time instead.
   */
  public <T extends BaseItem> void forEach(TableSchema<T> schema, Query query, Consumer<T> each) {
    Query next = query.limit(Query.MAX_LIMIT);
    while (true) {
      Page<T> page = query(schema, next);
      page.items().forEach(each);
      if (!page.hasMore()) {
        return;
      }
      next = next.after(page.nextCursor());
    }
  }

  /**
   * Strongly consistent reads of many items, of any types, in as few BatchGetItem calls as DynamoDB
   * allows (100 keys each), retrying keys it leaves unprocessed. Missing items are absent from the
   * answer; duplicate keys are read once.
   */
  public Map<ItemKey, Map<String, AttributeValue>> batchGet(Collection<ItemKey> keys) {
    List<ItemKey> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    Map<ItemKey, Map<String, AttributeValue>> found = new LinkedHashMap<>();
    for (int from = 0; from < distinct.size(); from += BATCH_GET_LIMIT) {
      List<Map<String, AttributeValue>> pending = new ArrayList<>();
      for (ItemKey key :
          distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET_LIMIT))) {
        pending.add(key.toAttributeMap());
      }
      for (int attempt = 1; !pending.isEmpty(); attempt++) {
        if (attempt > MAX_BATCH_ATTEMPTS) {
          throw new IllegalStateException("DynamoDB left keys unprocessed " + attempt + " times");
        }
        KeysAndAttributes request =
            KeysAndAttributes.builder().keys(pending).consistentRead(true).build();
        BatchGetItemResponse response =
            dynamoDb.batchGetItem(r -> r.requestItems(Map.of(tableName, request)));
        for (Map<String, AttributeValue> item :
            response.responses().getOrDefault(tableName, List.of())) {
          found.put(ItemKey.of(item), item);
        }
        KeysAndAttributes unprocessed =
            response.hasUnprocessedKeys() ? response.unprocessedKeys().get(tableName) : null;
        pending = unprocessed == null ? List.of() : unprocessed.keys();
      }
    }
    Map<ItemKey, Map<String, AttributeValue>> ordered = new LinkedHashMap<>();
    for (ItemKey key : distinct) {
      Map<String, AttributeValue> item = found.get(key);
      if (item != null) {
        ordered.put(key, item);
      }
    }
    return ordered;
  }

  /** As {@link #batchGet(Collection)}, for items of one type, in the order of {@code keys}. */
  public <T extends BaseItem> List<T> batchGet(TableSchema<T> schema, Collection<ItemKey> keys) {
    List<T> items = new ArrayList<>();
    batchGet(keys).values().forEach(raw -> items.add(schema.mapToItem(raw)));
    return items;
  }

  /** The key of the entity holding a uniqueness marker, e.g. to resolve a domain to its brand. */
  public Optional<ItemKey> uniqueOwner(Unique unique) {
    GetItemResponse response =
        dynamoDb.getItem(
            r -> r.tableName(tableName).key(unique.key().toAttributeMap()).consistentRead(true));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Markers.owner(response.item()));
  }
}
