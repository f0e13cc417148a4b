package dev.topgun.branding.api;

import dev.topgun.branding.domain.Claim;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A claimed hostname: where it stands and how to prove it — a TXT record, or an HTTP file. The
 * names are neutral: the people who publish them may be a hidden-origin reseller's customers.
 */
@Serdeable
public record HostnameResponse(
    String hostname,
    String status,
    Verification verification,
    HttpVerification httpVerification,
    Instant createdAt,
    @Nullable Instant verifiedAt,
    @Nullable Instant checkedAt) {

  @Serdeable
  public record Verification(String type, String name, String value) {}

  @Serdeable
  public record HttpVerification(String url, String body) {}

  static HostnameResponse of(Claim claim) {
    return new HostnameResponse(
        claim.hostname(),
        claim.status().value(),
        new Verification("TXT", claim.txtName(), claim.token()),
        new HttpVerification(claim.httpUrl(), claim.token()),
        claim.createdAt(),
        claim.verifiedAt(),
        claim.checkedAt());
  }
}
