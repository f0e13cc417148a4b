package dev.topgun.shared.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a query. {@code nextCursor} is opaque to clients and {@code null} when DynamoDB
 * reported no further items; a non-null cursor can still lead to an empty last page.
 */
public record Page<T>(List<T> items, String nextCursor) {

  public Page {
    items = List.copyOf(items);
  }

  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }

  public boolean hasMore() {
    return nextCursor != null;
  }
}
