package dev.topgun.organizations.events;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code data}, version 1, of {@code OrganizationMoved}: the organization {@code id} (and its
 * subtree) moved from under {@code fromParentId} to under {@code toParentId}. Fixture: {@code
 * src/test/resources/events/OrganizationMoved-v1.json}.
 */
@Serdeable
public record OrganizationMovedV1(
    String id, String fromParentId, String toParentId, String actor) {}
