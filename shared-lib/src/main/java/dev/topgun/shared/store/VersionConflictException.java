package dev.topgun.shared.store;

/**
 * An update or delete expected a version of the item that is no longer current: someone else wrote
 * it in between, or deleted it ({@link #actualVersion()} is then {@code null}).
 */
public final class VersionConflictException extends StoreException {

  private final ItemKey key;
  private final long expectedVersion;
  private final Long actualVersion;

  public VersionConflictException(ItemKey key, long expectedVersion, Long actualVersion) {
    super(
        "Item "
            + key.pk()
            + " / "
            + key.sk()
            + (actualVersion == null
                ? " no longer exists"
                : " is at version " + actualVersion + ", not " + expectedVersion));
    this.key = key;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  public ItemKey key() {
    return key;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version found, or {@code null} when the item no longer exists. */
  public Long actualVersion() {
    return actualVersion;
  }

  public boolean itemMissing() {
    return actualVersion == null;
  }
}
