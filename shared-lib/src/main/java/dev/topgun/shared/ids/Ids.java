package dev.topgun.shared.ids;

import com.github.f4b6a3.ulid.Ulid;
import com.github.f4b6a3.ulid.UlidFactory;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Entity ids: ULIDs in their canonical form (26 upper-case Crockford base-32 characters), so that
 * ids sort by creation time as strings and sort keys built from them list items oldest first.
 *
 * <p>Ids made in one JVM are strictly increasing, even within one millisecond, so items created in
 * a burst still list in creation order.
 */
public final class Ids {

  /** Canonical ULID: the first character is at most 7 because the time part is 48 bits. */
  private static final Pattern CANONICAL = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

  private static final UlidFactory MONOTONIC = UlidFactory.newMonotonicInstance();

  private Ids() {}

  /** A new id, greater than every id this JVM made before. */
  public static String newId() {
    return MONOTONIC.create().toString();
  }

  /** Whether {@code candidate} is a canonical id, e.g. a path parameter before it reaches a key. */
  public static boolean isValid(String candidate) {
    return candidate != null && CANONICAL.matcher(candidate).matches();
  }

  /**
   * The instant (millisecond precision) encoded in an id.
   *
   * @throws IllegalArgumentException if {@code id} is not a canonical id
   */
  public static Instant instantOf(String id) {
    return Ulid.from(requireValid(id)).getInstant();
  }

  /**
   * Returns {@code id} when it is a canonical id.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String requireValid(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("Not a valid id: " + id);
    }
    return id;
  }
}
