package dev.topgun.shared.tenancy;

import dev.topgun.shared.store.Index;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Query;

/**
 * The keys of the tenancy read model (listed in {@code shared-lib/README.md}, "Tenancy"):
 *
 * <pre>
 * organization  PK=ORG#&lt;orgId&gt;       SK=ORG
 * closure       PK=ORG#&lt;ancestorId&gt;  SK=DESC#&lt;descendantId&gt;
 *               GSI1PK=ORG#&lt;descendantId&gt;#ANCESTORS  GSI1SK=&lt;depth, 4 digits&gt;#&lt;ancestorId&gt;
 * membership    PK=ORG#&lt;orgId&gt;       SK=MEMBER#&lt;userId&gt;
 *               GSI1PK=USER#&lt;userId&gt;  GSI1SK=ORG#&lt;orgId&gt;
 * counters      PK=ORG#&lt;orgId&gt;       SK=COUNTER#members   (the owners counter)
 * </pre>
 */
public final class TenancyKeys {

  static final String ORG_SK = "ORG";
  static final String DESC = "DESC";
  static final String ANCESTORS = "ANCESTORS";
  static final String MEMBER = "MEMBER";
  static final String USER = "USER";
  static final String ORG = "ORG";
  static final String COUNTER = "COUNTER";
  static final String MEMBERS_SCOPE = "members";

  /** The counter of an organization's owners, kept so that the last one cannot leave. */
  public static final String OWNERS = "owners";

  /** Depth is written with this many digits so that GSI1SK sorts nearest ancestor first. */
  static final int DEPTH_DIGITS = 4;

  private TenancyKeys() {}

  /** The organization item. */
  public static ItemKey organization(String orgId) {
    return new ItemKey(Keys.org(orgId), ORG_SK);
  }

  /** The closure item saying that {@code descendantId} is below {@code ancestorId}. */
  public static ItemKey closure(String ancestorId, String descendantId) {
    return new ItemKey(Keys.org(ancestorId), Keys.of(DESC, descendantId));
  }

  /** The membership item of {@code userId} in {@code orgId}. */
  public static ItemKey membership(String orgId, String userId) {
    return new ItemKey(Keys.org(orgId), Keys.of(MEMBER, userId));
  }

  /** The counter item of an organization's memberships (holds {@link #OWNERS}). */
  public static ItemKey counters(String orgId) {
    return new ItemKey(Keys.org(orgId), Keys.of(COUNTER, MEMBERS_SCOPE));
  }

  /** GSI1 partition of an organization's ancestors. */
  public static String ancestorsPartition(String orgId) {
    return Keys.org(orgId, ANCESTORS);
  }

  /** GSI1 sort key of a closure item: depth first, so ancestors list nearest first. */
  public static String ancestorSortKey(int depth, String ancestorId) {
    if (depth < 1 || depth >= Math.pow(10, DEPTH_DIGITS)) {
      throw new IllegalArgumentException("depth out of range: " + depth);
    }
    return String.format("%0" + DEPTH_DIGITS + "d", depth) + Keys.SEPARATOR + Keys.of(ancestorId);
  }

  /** GSI1 partition of a user's memberships. */
  public static String userPartition(String userId) {
    return Keys.of(USER, userId);
  }

  /** Every descendant of {@code orgId} (any depth): one Query on the table. */
  public static Query descendants(String orgId) {
    return Query.partition(Keys.org(orgId)).skBeginsWith(Keys.prefix(DESC));
  }

  /** Every ancestor of {@code orgId}, nearest first: one Query on GSI1. */
  public static Query ancestors(String orgId) {
    return Query.on(Index.GSI1, ancestorsPartition(orgId));
  }

  /** The members of {@code orgId}: one Query on the table. */
  public static Query members(String orgId) {
    return Query.partition(Keys.org(orgId)).skBeginsWith(Keys.prefix(MEMBER));
  }

  /** The organizations {@code userId} belongs to: one Query on GSI1. */
  public static Query memberships(String userId) {
    return Query.on(Index.GSI1, userPartition(userId)).skBeginsWith(Keys.prefix(ORG));
  }
}
