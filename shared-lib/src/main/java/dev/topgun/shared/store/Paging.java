package dev.topgun.shared.store;

/**
 * Which page of a list a request asks for: at most {@code limit} items after {@code cursor} (a
 * {@link Page#nextCursor()}, or {@code null} for the first page). Controllers declare it as a
 * parameter and {@code dev.topgun.shared.http.PagingBinder} binds it from {@code ?limit=&cursor=}.
 */
public record Paging(int limit, String cursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 100;

  public Paging {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("A page holds 1 to " + MAX_LIMIT + " items: " + limit);
    }
  }

  public static Paging first(int limit) {
    return new Paging(limit, null);
  }

  /** {@code query} limited to this page's size, after its cursor. */
  public Query applyTo(Query query) {
    Query limited = query.limit(limit);
    return cursor == null ? limited : limited.after(cursor);
  }
}
