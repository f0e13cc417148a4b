package dev.topgun.organizations.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.organizations.store.InvitationItem;
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

  static InvitationResponse of(InvitationItem item) {
    return new InvitationResponse(
        item.getId(),
        item.getOrgId(),
        item.getEmail(),
        item.getRole(),
        item.getGrants() == null ? List.of() : item.getGrants().stream().sorted().toList(),
        item.getStatus(),
        item.getExpiresAt());
  }
}
