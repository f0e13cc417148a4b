package dev.topgun.shared.store;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Writes an entity together with the uniqueness markers of its unique values, in one
 * TransactWriteItems, so that an entity never exists without its markers nor a marker without its
 * entity. For other combinations (several entities, counters) use {@link #begin()}.
 */
@Singleton
public final class TransactionalWriter {

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final Clock clock;
  private final Counters counters;

  public TransactionalWriter(DynamoDbClient dynamoDb, TopgunTable table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.tableName = table.name();
    this.clock = clock;
    this.counters = new Counters(dynamoDb, table, clock);
  }

  /** An empty transaction to add writes to. */
  public Transaction begin() {
    return new Transaction(dynamoDb, tableName, clock, counters);
  }

  /**
   * Creates {@code item} and claims each of {@code uniques} for it.
   *
   * @return the stored copy, at version 1
   * @throws UniqueConstraintViolationException naming the first taken value
   * @throws ItemAlreadyExistsException if an item with the same key exists
   */
  public <T extends BaseItem> T create(TableSchema<T> schema, T item, Collection<Unique> uniques) {
    Transaction tx = begin();
    T stored = tx.create(schema, item);
    for (Unique unique : uniques) {
      tx.claim(unique, stored.key());
    }
    tx.commit();
    return stored;
  }

  /**
   * Updates {@code item} (read earlier, at the version read), giving up the values in {@code
   * release} and claiming those in {@code claim}; a value in both is kept as it is.
   *
   * @return the stored copy, at the next version
   * @throws VersionConflictException if the item changed or disappeared since it was read
   * @throws UniqueConstraintViolationException naming the first newly claimed value that is taken
   */
  public <T extends BaseItem> T update(
      TableSchema<T> schema, T item, Collection<Unique> release, Collection<Unique> claim) {
    Set<Unique> released = new LinkedHashSet<>(release);
    Set<Unique> claimed = new LinkedHashSet<>(claim);
    Set<Unique> kept = new LinkedHashSet<>(released);
    kept.retainAll(claimed);
    released.removeAll(kept);
    claimed.removeAll(kept);

    Transaction tx = begin();
    T stored = tx.update(schema, item);
    for (Unique unique : released) {
      tx.release(unique, stored.key());
    }
    for (Unique unique : claimed) {
      tx.claim(unique, stored.key());
    }
    tx.commit();
    return stored;
  }

  /**
   * Deletes {@code item} (read earlier, at the version read) and releases {@code uniques}.
   *
   * @throws VersionConflictException if the item changed or disappeared since it was read
   */
  public void delete(BaseItem item, Collection<Unique> uniques) {
    Transaction tx = begin();
    tx.delete(item);
    for (Unique unique : uniques) {
      tx.release(unique, item.key());
    }
    tx.commit();
  }
}
