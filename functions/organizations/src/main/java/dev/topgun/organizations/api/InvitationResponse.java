package dev.topgun.organizations.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.organizations.domain.Invitation;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.time.Timestamps;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** An invitation as its sender sees it: never the token, which only the invitee's mailbox holds. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InvitationResponse(
    String id,
    String organizationId,
    String email,
    String role,
    List<String> permissions,
    String status,
    String expiresAt) {

  static InvitationResponse of(Invitation invitation) {
    return new InvitationResponse(
        invitation.id(),
        invitation.orgId(),
        invitation.email(),
        invitation.role().value(),
        invitation.grants().stream().map(Permission::value).sorted().toList(),
        invitation.status().value(),
        Timestamps.format(invitation.expiresAt()));
  }
}
