package dev.topgun.shared.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A query on one partition of the table or of an index: optionally narrowed by a sort-key
 * condition, read forwards or backwards, a page at a time. Build it fluently:
 *
 * <pre>{@code
 * Query.on(Index.GSI1, Keys.org(orgId)).skBeginsWith("SERVER#").backward().limit(20).after(cursor)
 * }</pre>
 *
 * @param cursor the {@link Page#nextCursor()} of the previous page, or {@code null} for the first
 */
public record Query(
    Index index,
    String partition,
    SortCondition sort,
    boolean forward,
    int limit,
    String cursor,
    boolean consistentRead) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  public Query {
    if (index == null) {
      throw new IllegalArgumentException("A query needs an index (Index.TABLE for the table)");
    }
    if (partition == null || partition.isEmpty()) {
      throw new IllegalArgumentException("A query needs a partition key value");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("A page holds 1 to " + MAX_LIMIT + " items: " + limit);
    }
    if (consistentRead && index != Index.TABLE) {
      throw new IllegalArgumentException("Global secondary indexes only support eventual reads");
    }
  }

  /** A query on the table's partition {@code pk}. */
  public static Query partition(String pk) {
    return on(Index.TABLE, pk);
  }

  /** A query on the partition {@code partition} of {@code index}. */
  public static Query on(Index index, String partition) {
    return new Query(index, partition, null, true, DEFAULT_LIMIT, null, false);
  }

  public Query skBeginsWith(String prefix) {
    return withSort(new SortCondition.BeginsWith(prefix));
  }

  /** Sort keys from {@code from} to {@code to}, both included. */
  public Query skBetween(String from, String to) {
    return withSort(new SortCondition.Between(from, to));
  }

  public Query backward() {
    return new Query(index, partition, sort, false, limit, cursor, consistentRead);
  }

  public Query limit(int limit) {
    return new Query(index, partition, sort, forward, limit, cursor, consistentRead);
  }

  public Query after(String cursor) {
    return new Query(index, partition, sort, forward, limit, cursor, consistentRead);
  }

  /** Strongly consistent read; the table only, as in DynamoDB. */
  public Query consistent() {
    return new Query(index, partition, sort, forward, limit, cursor, true);
  }

  private Query withSort(SortCondition sort) {
    return new Query(index, partition, sort, forward, limit, cursor, consistentRead);
  }

  /** A condition on the sort key of the queried table or index. */
  public sealed interface SortCondition {

    /** Whether a sort key value lies within the condition. */
    boolean admits(String sortKey);

    record BeginsWith(String prefix) implements SortCondition {
      public BeginsWith {
        if (prefix == null || prefix.isEmpty()) {
          throw new IllegalArgumentException("A begins_with prefix may not be empty");
        }
      }

      @Override
      public boolean admits(String sortKey) {
        return sortKey.startsWith(prefix);
      }
    }

    record Between(String from, String to) implements SortCondition {
      public Between {
        if (from == null || to == null || compareAsDynamoDb(from, to) > 0) {
          throw new IllegalArgumentException("Not a sort key range: " + from + " .. " + to);
        }
      }

      @Override
      public boolean admits(String sortKey) {
        return compareAsDynamoDb(sortKey, from) >= 0 && compareAsDynamoDb(sortKey, to) <= 0;
      }
    }
  }

  /** DynamoDB orders strings by their UTF-8 bytes, unsigned, which String.compareTo does not. */
  static int compareAsDynamoDb(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
