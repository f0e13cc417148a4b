package dev.topgun.organizations.events;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The {@code data}, version 1, of {@code MemberAdded}, {@code MemberUpdated} and {@code
 * MemberRemoved}: the membership (after the change; as it was, for a removal). Fixtures: {@code
 * src/test/resources/events/Member{Added,Updated,Removed}-v1.json}.
 *
 * @param role {@code owner}, {@code admin}, {@code member}, {@code viewer}
 * @param permissions the explicit grants, sorted
 */
@Serdeable
public record MemberChangedV1(
    String organizationId, String userId, String role, List<String> permissions, String actor) {}
