package dev.topgun.organizations.domain;

/**
 * Which stored version of a record was read: a change of it is written only if it is still that
 * version (optimistic locking). {@link #NEW} for a record not stored yet.
 *
 * @param createdAt ISO-8601 UTC, as stored
 */
public record Revision(long version, String createdAt) {

  public static final Revision NEW = new Revision(0, null);

  public boolean isNew() {
    return version == 0;
  }
}
