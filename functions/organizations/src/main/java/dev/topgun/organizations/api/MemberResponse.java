package dev.topgun.organizations.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.organizations.domain.Member;
import dev.topgun.shared.tenancy.Permission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A member as the API shows it: {@code permissions} are the explicit grants on top of the role (the
 * role's own permissions are the matrix in the README).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MemberResponse(
    String userId, @Nullable String email, String role, List<String> permissions) {

  static MemberResponse of(Member member) {
    return new MemberResponse(
        member.userId(),
        member.email(),
        member.role().value(),
        member.grants().stream().map(Permission::value).sorted().toList());
  }
}
