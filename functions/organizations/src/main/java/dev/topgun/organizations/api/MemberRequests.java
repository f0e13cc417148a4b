package dev.topgun.organizations.api;

import dev.topgun.shared.http.JsonRequest;
import dev.topgun.shared.tenancy.Role;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The bodies of the member and invitation endpoints. Roles are strings checked by their pattern (so
 * that every bad field is named at once) and read as {@link Role} through {@link #role(String)}.
 */
final class MemberRequests {

  static final String ROLE = "owner|admin|member|viewer";
  static final String ROLE_MESSAGE = "must be one of owner, admin, member, viewer";

  private MemberRequests() {}

  /** The role a valid body names ({@code null} when absent). */
  static Role role(String value) {
    return value == null ? null : Role.from(value).orElseThrow();
  }

  /** {@code POST /v1/organizations/{orgId}/members}: a user who has signed in once. */
  @JsonRequest
  public record AddMember(
      @NotBlank @Size(max = 128) String userId,
      @NotNull @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role,
      @Nullable @Size(max = 50) List<@NotBlank @Size(max = 64) String> permissions) {}

  /** {@code PATCH /v1/organizations/{orgId}/members/{userId}}: what is present changes. */
  @JsonRequest
  public record UpdateMember(
      @Nullable @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role,
      @Nullable @Size(max = 50) List<@NotBlank @Size(max = 64) String> permissions) {

    /** An empty patch is a mistake, not a no-op: 400 naming both fields. */
    void requireAnyField() {
      RequestChecks.requireOne(role, permissions, "role", "permissions");
    }
  }

  /** {@code POST /v1/organizations/{orgId}/invitations}. */
  @JsonRequest
  public record Invite(
      @NotBlank @Email @Size(max = 254) String email,
      @NotNull @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role,
      @Nullable @Size(max = 50) List<@NotBlank @Size(max = 64) String> permissions) {}
}
