package dev.topgun.shared.store;

import java.util.StringJoiner;

/**
 * Every key string of the table is built here or from these pieces, so the key schema can be read
 * in one place. Parts are joined with {@code #}; a part may not contain {@code #} itself (that
 * would let two different keys collide), except the free-text value at the end of a uniqueness
 * marker.
 *
 * <p>Domains add their own prefixes with {@link #of(String, String...)} and list them in their
 * store README, e.g. {@code Keys.of("SERVER", serverId)} → {@code SERVER#01J…}.
 */
public final class Keys {

  public static final String SEPARATOR = "#";

  /** Sort key of every uniqueness marker item. */
  public static final String MARKER_SK = "UNIQUE";

  private static final String ORG = "ORG";
  private static final String UNIQUE = "UNIQUE";
  private static final String COUNTER = "COUNTER";
  private static final String IDEMPOTENCY = "IDEMPOTENCY";

  private Keys() {}

  /** {@code ORG#<orgId>}: the partition key (prefix) of everything a tenant owns. */
  public static String org(String orgId) {
    return of(ORG, orgId);
  }

  /**
   * {@code ORG#<orgId>#<part>#<part>…}: a further partition of a tenant's data that still starts
   * with its organization (for IAM leading-keys isolation).
   */
  public static String org(String orgId, String... parts) {
    return of(ORG, concat(orgId, parts));
  }

  /** {@code UNIQUE#<kind>#<value>}: the partition key of a uniqueness marker. */
  public static String marker(String kind, String value) {
    return UNIQUE + SEPARATOR + part(kind) + SEPARATOR + requireText(value, "marker value");
  }

  /** {@code COUNTER#<scope>}: the sort key of the item holding the counters of a scope. */
  public static String counter(String scope) {
    return of(COUNTER, scope);
  }

  /** {@code IDEMPOTENCY#<scope>#<key>}: the partition key of an idempotency record. */
  public static String idempotency(String scope, String key) {
    return of(IDEMPOTENCY, scope, key);
  }

  /** {@code <PREFIX>#<part>#<part>…}. */
  public static String of(String prefix, String... parts) {
    StringJoiner key = new StringJoiner(SEPARATOR);
    key.add(part(prefix));
    for (String p : parts) {
      key.add(part(p));
    }
    return key.toString();
  }

  /** {@code <PREFIX>#<part>…#}: a {@code begins_with} sort-key prefix that ends at a separator. */
  public static String prefix(String prefix, String... parts) {
    return of(prefix, parts) + SEPARATOR;
  }

  private static String[] concat(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static String part(String part) {
    requireText(part, "key part");
    if (part.contains(SEPARATOR)) {
      throw new IllegalArgumentException("A key part may not contain '#': " + part);
    }
    return part;
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("A " + what + " may not be blank");
    }
    return value;
  }
}
