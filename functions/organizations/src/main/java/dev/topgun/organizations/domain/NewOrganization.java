package dev.topgun.organizations.domain;

import java.util.Objects;

/** What creating a child needs; {@link #under} checks the hierarchy rule. */
public record NewOrganization(String name, String slug, HierarchyType hierarchyType) {

  public NewOrganization {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(hierarchyType, "hierarchyType");
  }

  /**
   * Checks that this organization may be created under {@code parent}.
   *
   * @throws HierarchyViolationException when its type is not strictly below the parent's
   */
  public NewOrganization under(Organization parent) {
    HierarchyType parentType =
        HierarchyType.from(parent.hierarchyType())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "organization " + parent.id() + " has no known hierarchy type"));
    parentType.requireChild(hierarchyType);
    return this;
  }
}
