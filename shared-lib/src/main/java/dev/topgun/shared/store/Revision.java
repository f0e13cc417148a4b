package dev.topgun.shared.store;

/**
 * Which stored version of a record was read: a change of it is written only if it is still that
 * version (optimistic locking). {@link #NEW} for a record not stored yet. A domain record carries
 * it so that its store adapter writes the item back at the version it was read at.
 *
 * @param createdAt ISO-8601 UTC, as stored
 */
public record Revision(long version, String createdAt) {

  public static final Revision NEW = new Revision(0, null);

  public boolean isNew() {
    return version == 0;
  }

  /** The revision {@code item} was read at; {@link #NEW} when it carries no version. */
  public static Revision of(BaseItem item) {
    return item.getVersion() == null ? NEW : new Revision(item.getVersion(), item.getCreatedAt());
  }

  /**
   * {@code item} at this revision, so that writing it requires that version (unchanged for {@link
   * #NEW}: a create).
   */
  public <T extends BaseItem> T stamp(T item) {
    if (!isNew()) {
      item.setVersion(version);
      item.setCreatedAt(createdAt);
    }
    return item;
  }
}
