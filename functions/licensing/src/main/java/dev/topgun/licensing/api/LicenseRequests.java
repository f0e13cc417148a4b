package dev.topgun.licensing.api;

import dev.topgun.shared.http.JsonRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The bodies of the license endpoints. */
final class LicenseRequests {

  private LicenseRequests() {}

  /** {@code POST /v1/organizations/{orgId}/licenses}. */
  @JsonRequest
  public record IssueLicense(
      @NotNull String licenseType,
      @NotNull String tier,
      @Nullable @Size(max = 20) List<@NotBlank @Size(max = 64) String> features,
      @Nullable @Size(max = 20) Map<String, Long> limits,
      @Nullable @Size(max = 100) List<@NotBlank @Size(max = 255) String> authorizedDomains,
      @Nullable String expiresAt,
      @Nullable @Min(0) @Max(365) Integer graceDays) {}

  /**
   * {@code PATCH /v1/licenses/{licenseId}}: renew ({@code expiresAt}), change tier, features,
   * limits, domains or grace; what is present changes, {@code limits} and {@code features} replace
   * the whole set.
   */
  @JsonRequest
  public record UpdateLicense(
      @Nullable String licenseType,
      @Nullable String tier,
      @Nullable @Size(max = 20) List<@NotBlank @Size(max = 64) String> features,
      @Nullable @Size(max = 20) Map<String, Long> limits,
      @Nullable @Size(max = 100) List<@NotBlank @Size(max = 255) String> authorizedDomains,
      @Nullable String expiresAt,
      @Nullable @Min(0) @Max(365) Integer graceDays) {

    boolean isEmpty() {
      return licenseType == null
          && tier == null
          && features == null
          && limits == null
          && authorizedDomains == null
          && expiresAt == null
          && graceDays == null;
    }
  }

  /** {@code POST /v1/licenses/validate}. */
  @JsonRequest
  public record Validate(
      @NotNull @Size(max = 64) String key, @Nullable @Size(max = 253) String domain) {}
}
