package dev.topgun.organizations.domain;

import java.util.Objects;

/** What creating a child needs. */
public record NewOrganization(String name, String slug, HierarchyType hierarchyType) {

  public NewOrganization {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(hierarchyType, "hierarchyType");
  }
}
