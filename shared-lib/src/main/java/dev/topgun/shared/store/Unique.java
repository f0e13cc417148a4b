package dev.topgun.shared.store;

/**
 * A uniqueness constraint on one value: at most one entity holds the marker item {@code
 * UNIQUE#<kind>#<value>} / {@code UNIQUE} at a time. The domain normalises the value first (e.g.
 * lower-cases an email) and, for uniqueness within a tenant, puts the organization into the value
 * ({@code Unique.of("member-email", orgId + "/" + email)}).
 */
public record Unique(String kind, String value) {

  public Unique {
    key(kind, value);
  }

  public static Unique of(String kind, String value) {
    return new Unique(kind, value);
  }

  /** The marker item's key. */
  public ItemKey key() {
    return key(kind, value);
  }

  private static ItemKey key(String kind, String value) {
    return new ItemKey(Keys.marker(kind, value), Keys.MARKER_SK);
  }
}
