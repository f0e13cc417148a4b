package dev.topgun.organizations.api;

import dev.topgun.shared.http.JsonRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PATCH /v1/organizations/{orgId}}: what is present changes. */
@JsonRequest
public record UpdateOrganizationRequest(
    @Nullable @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String name,
    @Nullable
        @Pattern(
            regexp = CreateChildRequest.SLUG,
            message = "must be 3 to 63 lower-case letters, digits and inner hyphens")
        String slug) {

  /** An empty patch is a mistake, not a no-op: 400 naming both fields. */
  void requireAnyField() {
    RequestChecks.requireOne(name, slug, "name", "slug");
  }
}
