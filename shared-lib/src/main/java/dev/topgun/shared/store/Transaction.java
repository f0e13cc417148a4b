package dev.topgun.shared.store;

import dev.topgun.shared.time.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Writes collected into one TransactWriteItems: all of them happen or none. Obtain one from {@link
 * TransactionalWriter#begin()}, add writes, then {@link #commit()}. Each write keeps what its
 * failed condition means, so a cancelled transaction surfaces as the domain error of the first
 * write whose condition failed (in the order they were added).
 *
 * <p>Methods that write an item return the copy that will be stored (version and timestamps
 * stamped); it is stored only if {@link #commit()} returns normally. Not thread-safe.
 */
public final class Transaction {

  /** DynamoDB's limit on the items of one transaction. */
  public static final int MAX_ITEMS = 100;

  private static final int ATTEMPTS = 3;
  private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
  private static final String TRANSACTION_CONFLICT = "TransactionConflict";

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final Clock clock;
  private final ItemWrites writes;
  private final Counters counters;
  private final List<TransactWriteItem> items = new ArrayList<>();
  private final List<Supplier<RuntimeException>> failures = new ArrayList<>();
  private final Set<ItemKey> keys = new HashSet<>();
  private boolean committed;

  Transaction(DynamoDbClient dynamoDb, String tableName, Clock clock, Counters counters) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
    this.clock = clock;
    this.writes = new ItemWrites(dynamoDb, tableName, clock);
    this.counters = counters;
  }

  /** Creates an item at version 1; fails with {@link ItemAlreadyExistsException}. */
  public <T extends BaseItem> T create(TableSchema<T> schema, T item) {
    ItemWrites.Stamped<T> write = writes.forCreate(schema, item);
    ItemKey key = item.key();
    add(
        key,
        put(write.attributes(), ItemWrites.NOT_EXISTS, ItemWrites.PK_NAME, null),
        () -> new ItemAlreadyExistsException(key));
    return write.item();
  }

  /** Replaces an item still at the version read; fails with {@link VersionConflictException}. */
  public <T extends BaseItem> T update(TableSchema<T> schema, T item) {
    ItemWrites.Stamped<T> write = writes.forUpdate(schema, item);
    ItemKey key = item.key();
    add(
        key,
        put(
            write.attributes(),
            ItemWrites.VERSION_IS,
            ItemWrites.VERSION_NAME,
            write.expectedVersionValue()),
        () -> writes.conflict(key, write.expectedVersion()));
    return write.item();
  }

  /** Writes an item whatever is stored (last writer wins). */
  public <T extends BaseItem> T put(TableSchema<T> schema, T item) {
    ItemWrites.Stamped<T> write = writes.forPut(schema, item);
    add(item.key(), put(write.attributes(), null, null, null), null);
    return write.item();
  }

  /** Deletes an item still at the version read; fails with {@link VersionConflictException}. */
  public void delete(BaseItem item) {
    long expected = ItemWrites.requireVersion(item, "delete");
    ItemKey key = item.key();
    add(
        key,
        delete(
            key,
            ItemWrites.VERSION_IS,
            ItemWrites.VERSION_NAME,
            Map.of(":expected", Counters.number(expected))),
        () -> writes.conflict(key, expected));
  }

  /** Deletes whatever is stored at {@code key}, if anything. */
  public void delete(ItemKey key) {
    add(key, delete(key, null, null, null), null);
  }

  /**
   * Claims {@code unique} for the entity at {@code owner}; fails with {@link
   * UniqueConstraintViolationException} when any entity holds it, the owner included.
   */
  public void claim(Unique unique, ItemKey owner) {
    add(
        unique.key(),
        put(
            Markers.item(unique, owner, Timestamps.now(clock)),
            ItemWrites.NOT_EXISTS,
            ItemWrites.PK_NAME,
            null),
        () -> new UniqueConstraintViolationException(unique.kind(), unique.value()));
  }

  /**
   * Gives {@code unique} up. A marker already gone is not an error; a marker held by another entity
   * is never deleted (the transaction fails with {@link IllegalStateException}).
   */
  public void release(Unique unique, ItemKey owner) {
    add(
        unique.key(),
        delete(
            unique.key(),
            Markers.HELD_BY_OWNER_OR_ABSENT,
            Markers.ownerNames(),
            Markers.ownerValues(owner)),
        () ->
            new IllegalStateException(
                "The "
                    + unique.kind()
                    + " marker '"
                    + unique.value()
                    + "' is not held by "
                    + owner));
  }

  /**
   * Adds {@code n} to a counter within the transaction if it stays at or below {@code max}; fails
   * with {@link LimitExceededException}. See {@link Counters#reserve}.
   */
  public void reserve(ItemKey key, String counter, long n, long max) {
    Counters.requireCounter(counter);
    if (n < 1 || max < 0) {
      throw new IllegalArgumentException("Reserve n >= 1 under max >= 0: n=" + n + " max=" + max);
    }
    if (n > max) {
      throw new LimitExceededException(counter, max, counters.current(key, counter), n);
    }
    Map<String, AttributeValue> values = counters.stampValues();
    values.put(":n", Counters.number(n));
    values.put(":maxMinusN", Counters.number(max - n));
    add(
        key,
        update(
            key,
            Counters.STAMP_SET + Counters.ADD_VERSION + ", #n :n",
            "attribute_not_exists(#n) OR #n <= :maxMinusN",
            Counters.names(counter),
            values),
        () -> new LimitExceededException(counter, max, counters.current(key, counter), n));
  }

  /**
   * Takes {@code n} back from a counter within the transaction. Unlike {@link Counters#release} it
   * cannot stop at zero, so it requires the counter to hold at least {@code n} and otherwise fails
   * with {@link IllegalStateException}.
   */
  public void releaseCounter(ItemKey key, String counter, long n) {
    Counters.requireCounter(counter);
    if (n < 1) {
      throw new IllegalArgumentException("Release n >= 1: " + n);
    }
    Map<String, AttributeValue> values = counters.stampValues();
    values.put(":n", Counters.number(n));
    values.put(":minusN", Counters.number(-n));
    add(
        key,
        update(
            key,
            Counters.STAMP_SET + Counters.ADD_VERSION + ", #n :minusN",
            "#n >= :n",
            Counters.names(counter),
            values),
        () ->
            new IllegalStateException(
                "Counter " + counter + " at " + key + " holds less than " + n + " to release"));
  }

  /**
   * Takes {@code n} back from a counter within the transaction only if at least {@code floor}
   * remain afterwards (the last owner of an organization stays); fails with what {@code failure}
   * supplies.
   */
  public void releaseCounterAbove(
      ItemKey key, String counter, long n, long floor, Supplier<RuntimeException> failure) {
    Counters.requireCounter(counter);
    if (n < 1 || floor < 0) {
      throw new IllegalArgumentException("Release n >= 1 above floor >= 0: " + n + ", " + floor);
    }
    Map<String, AttributeValue> values = counters.stampValues();
    values.put(":least", Counters.number(n + floor));
    values.put(":minusN", Counters.number(-n));
    add(
        key,
        update(
            key,
            Counters.STAMP_SET + Counters.ADD_VERSION + ", #n :minusN",
            "#n >= :least",
            Counters.names(counter),
            values),
        failure);
  }

  /** The number of writes added so far. */
  public int size() {
    return items.size();
  }

  /**
   * Writes everything, or nothing and throws the domain error of the first failed condition.
   * Cancellations caused only by concurrent transactions on the same items are retried a few times
   * (every write is conditional or idempotent, so a retry cannot double-apply).
   *
   * @throws TransactionConflictException if concurrent transactions kept cancelling this one
   */
  public void commit() {
    if (committed) {
      throw new IllegalStateException("A transaction commits once");
    }
    if (items.isEmpty()) {
      throw new IllegalStateException("Nothing to commit");
    }
    committed = true;
    for (int attempt = 1; ; attempt++) {
      try {
        // One token per attempt: the SDK's own retries of this request then cannot apply it twice.
        String token = UUID.randomUUID().toString();
        dynamoDb.transactWriteItems(r -> r.transactItems(items).clientRequestToken(token));
        return;
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons =
            e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        boolean conflict = false;
        for (int i = 0; i < reasons.size() && i < failures.size(); i++) {
          String code = reasons.get(i).code();
          if (CONDITIONAL_CHECK_FAILED.equals(code) && failures.get(i) != null) {
            throw failures.get(i).get();
          }
          conflict |= TRANSACTION_CONFLICT.equals(code);
        }
        if (!conflict) {
          throw e;
        }
        if (attempt == ATTEMPTS) {
          throw new TransactionConflictException(
              "Concurrent transactions on the same items; retry", e);
        }
        backOff(attempt, e);
      }
    }
  }

  private static void backOff(int attempt, TransactionCanceledException cause) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50) * attempt);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new TransactionConflictException("Interrupted while retrying", cause);
    }
  }

  private void add(ItemKey key, TransactWriteItem item, Supplier<RuntimeException> failure) {
    if (committed) {
      throw new IllegalStateException("The transaction has been committed");
    }
    if (!keys.add(key)) {
      throw new IllegalArgumentException(
          "A transaction writes each item once; " + key + " is already in it");
    }
    if (items.size() == MAX_ITEMS) {
      throw new IllegalArgumentException("A transaction holds at most " + MAX_ITEMS + " items");
    }
    items.add(item);
    failures.add(failure);
  }

  private TransactWriteItem put(
      Map<String, AttributeValue> item,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    Put.Builder put = Put.builder().tableName(tableName).item(item);
    if (condition != null) {
      put.conditionExpression(condition).expressionAttributeNames(names);
      if (values != null) {
        put.expressionAttributeValues(values);
      }
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  private TransactWriteItem delete(
      ItemKey key,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    Delete.Builder delete = Delete.builder().tableName(tableName).key(key.toAttributeMap());
    if (condition != null) {
      delete.conditionExpression(condition).expressionAttributeNames(names);
      if (values != null) {
        delete.expressionAttributeValues(values);
      }
    }
    return TransactWriteItem.builder().delete(delete.build()).build();
  }

  private TransactWriteItem update(
      ItemKey key,
      String expression,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(tableName)
                .key(key.toAttributeMap())
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build())
        .build();
  }
}
