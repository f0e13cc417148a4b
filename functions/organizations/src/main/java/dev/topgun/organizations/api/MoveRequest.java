package dev.topgun.organizations.api;

import dev.topgun.shared.http.JsonRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/organizations/{orgId}/move}. */
@JsonRequest
public record MoveRequest(@NotBlank @Size(max = 64) String newParentId) {}
