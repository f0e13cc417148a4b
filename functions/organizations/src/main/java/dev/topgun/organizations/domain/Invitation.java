package dev.topgun.organizations.domain;

import dev.topgun.shared.store.Revision;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import java.time.Instant;
import java.util.Set;

/**
 * An invitation to join {@code orgId} as {@code role}: found by the SHA-256 of its token ({@link
 * InvitationToken}), which only the invitee's mailbox holds.
 *
 * @param email lower-cased
 * @param acceptedBy the user who accepted it, once accepted
 * @param revision the stored revision it was read at
 */
public record Invitation(
    String id,
    String tokenHash,
    String orgId,
    String email,
    Role role,
    Set<Permission> grants,
    String invitedBy,
    Instant expiresAt,
    InvitationStatus status,
    String acceptedBy,
    Revision revision) {

  public Invitation {
    grants = Set.copyOf(grants);
  }

  /** Accepted by {@code userId}. */
  public Invitation acceptedBy(String userId) {
    return new Invitation(
        id,
        tokenHash,
        orgId,
        email,
        role,
        grants,
        invitedBy,
        expiresAt,
        InvitationStatus.ACCEPTED,
        userId,
        revision);
  }
}
