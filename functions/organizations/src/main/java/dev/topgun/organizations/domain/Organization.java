package dev.topgun.organizations.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An organization of the tree.
 *
 * @param parentId {@code null} for the root
 * @param createdAt ISO-8601 UTC, as stored; {@code null} before it is stored
 * @param deletedAt when it was deleted, while it is
 * @param version the stored version it was read at (optimistic locking); 0 before it is stored
 */
public record Organization(
    String id,
    String name,
    String slug,
    HierarchyType hierarchyType,
    String parentId,
    OrganizationStatus status,
    String createdAt,
    Instant deletedAt,
    long version) {

  public Organization {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hierarchyType, "hierarchyType");
    Objects.requireNonNull(status, "status");
  }

  /** A new active child of {@code parentId}, not stored yet. */
  public static Organization draft(String id, NewOrganization child, String parentId) {
    return new Organization(
        id,
        child.name(),
        child.slug(),
        child.hierarchyType(),
        parentId,
        OrganizationStatus.ACTIVE,
        null,
        null,
        0);
  }

  public boolean isRoot() {
    return parentId == null;
  }

  public boolean isActive() {
    return status == OrganizationStatus.ACTIVE;
  }

  /** The same organization as shown with another status (inherited deactivation). */
  public Organization withStatus(OrganizationStatus shown) {
    return new Organization(
        id, name, slug, hierarchyType, parentId, shown, createdAt, deletedAt, version);
  }

  /** Renamed and/or with another slug ({@code null} keeps the current one). */
  public Organization renamed(String newName, String newSlug) {
    return new Organization(
        id,
        newName == null ? name : newName,
        newSlug == null ? slug : newSlug,
        hierarchyType,
        parentId,
        status,
        createdAt,
        deletedAt,
        version);
  }

  /** Under another parent. */
  public Organization under(String newParentId) {
    return new Organization(
        id, name, slug, hierarchyType, newParentId, status, createdAt, deletedAt, version);
  }

  /** Deleted at {@code at}: restorable for {@link OrganizationService#RESTORE_WINDOW}. */
  public Organization deleted(Instant at) {
    return new Organization(
        id,
        name,
        slug,
        hierarchyType,
        parentId,
        OrganizationStatus.INACTIVE,
        createdAt,
        at,
        version);
  }

  /** Back in use. */
  public Organization restored() {
    return new Organization(
        id,
        name,
        slug,
        hierarchyType,
        parentId,
        OrganizationStatus.ACTIVE,
        createdAt,
        null,
        version);
  }
}
