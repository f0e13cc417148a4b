package dev.topgun.organizations.domain;

/**
 * An organization of the tree.
 *
 * @param parentId {@code null} for the root
 * @param status {@code active} or {@code inactive}
 * @param createdAt ISO-8601 UTC
 */
public record Organization(
    String id,
    String name,
    String slug,
    String hierarchyType,
    String parentId,
    String status,
    String createdAt) {

  /** The same organization as shown with another status (inherited deactivation). */
  public Organization withStatus(String status) {
    return new Organization(id, name, slug, hierarchyType, parentId, status, createdAt);
  }
}
