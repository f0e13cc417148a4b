package dev.topgun.organizations.events;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code data}, version 1, of {@code InvitationCreated}: never the token, which only the
 * invitee's mailbox holds. Fixture: {@code src/test/resources/events/InvitationCreated-v1.json}.
 */
@Serdeable
public record InvitationCreatedV1(
    String id, String organizationId, String email, String role, String actor) {}
