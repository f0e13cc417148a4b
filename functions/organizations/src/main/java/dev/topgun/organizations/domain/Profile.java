package dev.topgun.organizations.domain;

/**
 * A user as organizations knows them: created on their first signed-in call, so that they can be
 * made a member by id.
 *
 * @param createdAt ISO-8601 UTC
 */
public record Profile(String userId, String email, boolean emailVerified, String createdAt) {}
