package dev.topgun.organizations.api;

import dev.topgun.organizations.domain.HierarchyType;
import dev.topgun.organizations.domain.NewOrganization;
import dev.topgun.shared.http.JsonRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /v1/organizations/{orgId}/children}. The type is a string checked by its pattern, not
 * an enum: Bean Validation then names every bad field of a body at once, where an enum that does
 * not parse would stop at the first; {@link #toNewOrganization()} is the typed command.
 */
@JsonRequest
public record CreateChildRequest(
    @NotBlank @Size(max = 100) String name,
    @NotNull
        @Pattern(
            regexp = CreateChildRequest.SLUG,
            message = "must be 3 to 63 lower-case letters, digits and inner hyphens")
        String slug,
    @NotNull
        @Pattern(
            regexp = "master_branch|sub_user|end_user",
            message = "must be one of master_branch, sub_user, end_user")
        String hierarchyType) {

  static final String SLUG = "[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])";

  NewOrganization toNewOrganization() {
    return new NewOrganization(name.strip(), slug, HierarchyType.from(hierarchyType).orElseThrow());
  }
}
