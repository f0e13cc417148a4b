package dev.topgun.shared.store;

import dev.topgun.shared.time.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Items that one caller at a time claims while it works and then marks done or gives back: an
 * idempotency key, an event a consumer takes.
 *
 * <pre>
 * state IN_PROGRESS|COMPLETED, lockToken, lockedUntil (epoch ms, while in progress),
 * type, version, createdAt, updatedAt, ttl (epoch s), and the owner's own attributes
 * </pre>
 *
 * A claim is one conditional put, so of two claims at once exactly one wins. An expired item counts
 * as absent (DynamoDB deletes by TTL only eventually), and so does an in-progress one whose lock
 * has run out (its holder died mid-work): a new claim takes it over. {@link #complete} and {@link
 * #release} succeed only for the claim that holds the item, so a holder that was taken over changes
 * nothing.
 *
 * <p>Not a bean: each owner makes one with the clients and clock it was given.
 */
public final class Leases {

  public static final String STATE = "state";
  public static final String IN_PROGRESS = "IN_PROGRESS";
  public static final String COMPLETED = "COMPLETED";
  public static final String LOCK_TOKEN = "lockToken";
  public static final String LOCKED_UNTIL = "lockedUntil";

  private static final Set<String> MANAGED =
      Set.of(
          TopgunTable.PK,
          TopgunTable.SK,
          TopgunTable.TYPE,
          TopgunTable.VERSION,
          TopgunTable.CREATED_AT,
          TopgunTable.UPDATED_AT,
          TopgunTable.TTL,
          STATE,
          LOCK_TOKEN,
          LOCKED_UNTIL);

  /** A claim that finds the item gone after losing the put tries again, this often in all. */
  private static final int CLAIM_ATTEMPTS = 3;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  public Leases(DynamoDbClient dynamoDb, TopgunTable table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table.name();
    this.clock = clock;
  }

  /** What claiming an item found. */
  public sealed interface Claim {

    /** The item is the caller's: then {@link #complete} or {@link #release} it. */
    record Claimed(ItemKey key, String lockToken) implements Claim {}

    /** Another claim holds the item, or completed it: here is the item as it is now. */
    record Held(Map<String, AttributeValue> item) implements Claim {}

    /** The item was held at each attempt but gone when read: its holders keep releasing it. */
    record Contended() implements Claim {}
  }

  /**
   * Claims {@code key} for at most {@code lockFor}, writing a fresh item of {@code type} with the
   * owner's {@code attributes} that expires after {@code ttl}.
   */
  public Claim claim(
      ItemKey key,
      String type,
      Map<String, AttributeValue> attributes,
      Duration ttl,
      Duration lockFor) {
    requireOwn(attributes);
    for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      String token = UUID.randomUUID().toString();
      Map<String, AttributeValue> item = new HashMap<>(attributes);
      item.putAll(key.toAttributeMap());
      item.put(TopgunTable.TYPE, s(type));
      item.put(TopgunTable.VERSION, n(1));
      item.put(TopgunTable.CREATED_AT, s(Timestamps.format(now)));
      item.put(TopgunTable.UPDATED_AT, s(Timestamps.format(now)));
      item.put(TopgunTable.TTL, n(now.plus(ttl).getEpochSecond()));
      item.put(STATE, s(IN_PROGRESS));
      item.put(LOCK_TOKEN, s(token));
      item.put(LOCKED_UNTIL, n(now.plus(lockFor).toEpochMilli()));
      try {
        dynamoDb.putItem(
            r ->
                r.tableName(table)
                    .item(item)
                    .conditionExpression(
                        "attribute_not_exists(#pk) OR #ttl < :nowSeconds"
                            + " OR (#state = :inProgress AND #lockedUntil < :nowMillis)")
                    .expressionAttributeNames(
                        Map.of(
                            "#pk",
                            TopgunTable.PK,
                            "#ttl",
                            TopgunTable.TTL,
                            "#state",
                            STATE,
                            "#lockedUntil",
                            LOCKED_UNTIL))
                    .expressionAttributeValues(
                        Map.of(
                            ":nowSeconds", n(now.getEpochSecond()),
                            ":inProgress", s(IN_PROGRESS),
                            ":nowMillis", n(now.toEpochMilli()))));
        return new Claim.Claimed(key, token);
      } catch (ConditionalCheckFailedException taken) {
        Map<String, AttributeValue> existing =
            dynamoDb
                .getItem(r -> r.tableName(table).key(key.toAttributeMap()).consistentRead(true))
                .item();
        if (existing != null && !existing.isEmpty()) {
          return new Claim.Held(existing);
        }
      }
    }
    return new Claim.Contended();
  }

  /**
   * Marks the claimed item {@code COMPLETED}, ends its lock and sets the owner's {@code
   * attributes}.
   *
   * @return false if another claim took the item over, which is then unchanged
   */
  public boolean complete(Claim.Claimed claim, Map<String, AttributeValue> attributes) {
    requireOwn(attributes);
    StringBuilder set =
        new StringBuilder(
            "SET #state = :completed, #updatedAt = :updatedAt, #version = #version + :one");
    Map<String, String> names = new HashMap<>();
    names.put("#state", STATE);
    names.put("#updatedAt", TopgunTable.UPDATED_AT);
    names.put("#version", TopgunTable.VERSION);
    names.put("#lockedUntil", LOCKED_UNTIL);
    names.put("#lockToken", LOCK_TOKEN);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":completed", s(COMPLETED));
    values.put(":updatedAt", s(Timestamps.format(clock.instant())));
    values.put(":one", n(1));
    values.put(":token", s(claim.lockToken()));
    int i = 0;
    for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
      set.append(", #a").append(i).append(" = :a").append(i);
      names.put("#a" + i, attribute.getKey());
      values.put(":a" + i, attribute.getValue());
      i++;
    }
    String update = set + " REMOVE #lockedUntil";
    try {
      dynamoDb.updateItem(
          r ->
              r.tableName(table)
                  .key(claim.key().toAttributeMap())
                  .updateExpression(update)
                  .conditionExpression("#lockToken = :token")
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException lost) {
      return false;
    }
  }

  /**
   * Deletes the claimed item, so that the next claim starts afresh.
   *
   * @return false if another claim took the item over, which is then kept
   */
  public boolean release(Claim.Claimed claim) {
    try {
      dynamoDb.deleteItem(
          r ->
              r.tableName(table)
                  .key(claim.key().toAttributeMap())
                  .conditionExpression("#lockToken = :token")
                  .expressionAttributeNames(Map.of("#lockToken", LOCK_TOKEN))
                  .expressionAttributeValues(Map.of(":token", s(claim.lockToken()))));
      return true;
    } catch (ConditionalCheckFailedException lost) {
      return false;
    }
  }

  /** When the lock of an item {@link Claim.Held} runs out; empty once it is completed. */
  public static Optional<Instant> lockedUntil(Map<String, AttributeValue> item) {
    return Optional.ofNullable(item.get(LOCKED_UNTIL))
        .map(until -> Instant.ofEpochMilli(Long.parseLong(until.n())));
  }

  /** Whether an item {@link Claim.Held} was completed. */
  public static boolean completed(Map<String, AttributeValue> item) {
    AttributeValue state = item.get(STATE);
    return state != null && COMPLETED.equals(state.s());
  }

  private static void requireOwn(Map<String, AttributeValue> attributes) {
    for (String name : attributes.keySet()) {
      if (MANAGED.contains(name)) {
        throw new IllegalArgumentException("A lease sets " + name + " itself");
      }
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
