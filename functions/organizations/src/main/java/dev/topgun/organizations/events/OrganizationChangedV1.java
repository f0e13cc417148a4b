package dev.topgun.organizations.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code data}, version 1, of {@code OrganizationCreated}, {@code OrganizationUpdated}, {@code
 * OrganizationDeleted} and {@code OrganizationRestored}: the organization after the change and who
 * made it. Fixtures: {@code src/test/resources/events/Organization{Created,Updated,Deleted,
 * Restored}-v1.json}.
 *
 * @param hierarchyType {@code top_branch}, {@code master_branch}, {@code sub_user}, {@code
 *     end_user}
 * @param parentId {@code null} only for the root
 * @param status {@code active} or {@code inactive}
 */
@Serdeable
public record OrganizationChangedV1(
    String id,
    String name,
    String slug,
    String hierarchyType,
    @Nullable String parentId,
    String status,
    String actor) {}
