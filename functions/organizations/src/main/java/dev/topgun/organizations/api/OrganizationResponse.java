package dev.topgun.organizations.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.organizations.domain.Organization;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** An organization as the API shows it. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OrganizationResponse(
    String id,
    String name,
    String slug,
    String hierarchyType,
    @Nullable String parentId,
    String status,
    String createdAt) {

  static OrganizationResponse of(Organization org) {
    return new OrganizationResponse(
        org.id(),
        org.name(),
        org.slug(),
        org.hierarchyType().value(),
        org.parentId(),
        org.status().value(),
        org.createdAt());
  }
}
