package dev.topgun.shared.store;

import dev.topgun.shared.time.Timestamps;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counters that enforce limits, each a number attribute of an item, changed by one conditional
 * UpdateItem so that concurrent reservations can never pass the limit together.
 *
 * <p>Keep counters on their own item ({@code SK = Keys.counter(scope)}): a whole-item update of an
 * entity would otherwise write back the count it read. Each change adds 1 to the item's {@code
 * version} so that such a stale write would at least fail rather than reset the count.
 */
@Singleton
public final class Counters {

  static final String TYPE = "COUNTER";
  private static final int RELEASE_ATTEMPTS = 5;
  private static final Set<String> RESERVED =
      Set.of(
          TopgunTable.PK,
          TopgunTable.SK,
          TopgunTable.GSI1_PK,
          TopgunTable.GSI1_SK,
          TopgunTable.GSI2_PK,
          TopgunTable.GSI2_SK,
          TopgunTable.TYPE,
          TopgunTable.VERSION,
          TopgunTable.CREATED_AT,
          TopgunTable.UPDATED_AT,
          TopgunTable.TTL);

  /** Besides the count: type and createdAt on the first change, updatedAt and version always. */
  static final String STAMP_SET =
      "SET #type = if_not_exists(#type, :type), #created = if_not_exists(#created, :now),"
          + " #updated = :now";

  static final String ADD_VERSION = " ADD #v :one";

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final Clock clock;

  public Counters(DynamoDbClient dynamoDb, TopgunTable table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.tableName = table.name();
    this.clock = clock;
  }

  /**
   * Adds {@code n} to counter {@code name} if the result stays at or below {@code max}.
   *
   * @return the counter's new value
   * @throws LimitExceededException if the counter would pass {@code max}; it is then unchanged
   */
  public long reserve(ItemKey key, String name, long n, long max) {
    requireCounter(name);
    if (n < 1 || max < 0) {
      throw new IllegalArgumentException("Reserve n >= 1 under max >= 0: n=" + n + " max=" + max);
    }
    if (n > max) {
      throw new LimitExceededException(name, max, current(key, name), n);
    }
    try {
      return add(key, name, n, "attribute_not_exists(#n) OR #n <= :bound", max - n);
    } catch (ConditionalCheckFailedException e) {
      throw new LimitExceededException(name, max, current(key, name), n);
    }
  }

  public long reserve(String pk, String sk, String name, long n, long max) {
    return reserve(new ItemKey(pk, sk), name, n, max);
  }

  /**
   * Takes {@code n} back from counter {@code name}, stopping at zero (a release repeated after a
   * retry must not leave the count negative and let the limit be overrun).
   *
   * @return the counter's new value
   */
  public long release(ItemKey key, String name, long n) {
    requireCounter(name);
    if (n < 1) {
      throw new IllegalArgumentException("Release n >= 1: " + n);
    }
    for (int attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
      try {
        return add(key, name, -n, "#n >= :bound", n);
      } catch (ConditionalCheckFailedException belowN) {
        Map<String, AttributeValue> clampValues = stampValues();
        clampValues.put(":n", number(n));
        clampValues.put(":zero", number(0));
        try {
          dynamoDb.updateItem(
              r ->
                  r.tableName(tableName)
                      .key(key.toAttributeMap())
                      .updateExpression(STAMP_SET + ", #n = :zero" + ADD_VERSION)
                      .conditionExpression("#n < :n")
                      .expressionAttributeNames(names(name))
                      .expressionAttributeValues(clampValues));
          return 0;
        } catch (ConditionalCheckFailedException absentOrGrown) {
          if (!exists(key, name)) {
            return 0;
          }
        }
      }
    }
    throw new IllegalStateException(
        "Counter " + name + " at " + key + " kept changing during release");
  }

  /** {@code ADD #n :delta} under {@code condition}, which may compare with {@code :bound}. */
  private long add(ItemKey key, String name, long delta, String condition, long bound) {
    Map<String, AttributeValue> values = stampValues();
    values.put(":delta", number(delta));
    values.put(":bound", number(bound));
    UpdateItemResponse response =
        dynamoDb.updateItem(
            r ->
                r.tableName(tableName)
                    .key(key.toAttributeMap())
                    .updateExpression(STAMP_SET + ADD_VERSION + ", #n :delta")
                    .conditionExpression(condition)
                    .expressionAttributeNames(names(name))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_NEW));
    return Long.parseLong(response.attributes().get(name).n());
  }

  public long release(String pk, String sk, String name, long n) {
    return release(new ItemKey(pk, sk), name, n);
  }

  /** The counter's value now (strongly consistent); 0 when it was never reserved. */
  public long current(ItemKey key, String name) {
    AttributeValue value = read(key, name);
    return value == null ? 0 : Long.parseLong(value.n());
  }

  public long current(String pk, String sk, String name) {
    return current(new ItemKey(pk, sk), name);
  }

  private boolean exists(ItemKey key, String name) {
    return read(key, name) != null;
  }

  private AttributeValue read(ItemKey key, String name) {
    GetItemResponse response =
        dynamoDb.getItem(
            r ->
                r.tableName(tableName)
                    .key(key.toAttributeMap())
                    .consistentRead(true)
                    .projectionExpression("#n")
                    .expressionAttributeNames(Map.of("#n", name)));
    return response.hasItem() ? response.item().get(name) : null;
  }

  static void requireCounter(String name) {
    if (name == null || name.isBlank() || RESERVED.contains(name)) {
      throw new IllegalArgumentException("Not a usable counter attribute name: " + name);
    }
  }

  static Map<String, String> names(String counter) {
    return Map.of(
        "#n", counter,
        "#type", TopgunTable.TYPE,
        "#created", TopgunTable.CREATED_AT,
        "#updated", TopgunTable.UPDATED_AT,
        "#v", TopgunTable.VERSION);
  }

  Map<String, AttributeValue> stampValues() {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":type", AttributeValue.fromS(TYPE));
    values.put(":now", AttributeValue.fromS(Timestamps.now(clock)));
    values.put(":one", number(1));
    return values;
  }

  static AttributeValue number(long n) {
    return AttributeValue.fromN(Long.toString(n));
  }
}
