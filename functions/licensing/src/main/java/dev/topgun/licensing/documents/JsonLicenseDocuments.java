package dev.topgun.licensing.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.licensing.domain.LicenseDocument;
import dev.topgun.licensing.domain.LicenseDocuments;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A document's payload as the function's JSON mapper writes it: the members in the record's order,
 * {@code exp} and {@code expiresAt} left out for a license that never expires.
 */
@Singleton
public class JsonLicenseDocuments implements LicenseDocuments {

  private final JsonMapper json;

  public JsonLicenseDocuments(JsonMapper json) {
    this.json = json;
  }

  @Override
  public byte[] payload(LicenseDocument document) {
    try {
      return json.writeValueAsBytes(Payload.of(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Payload(
      String iss,
      String sub,
      long iat,
      @Nullable Long exp,
      String id,
      String organizationId,
      String licenseType,
      String tier,
      List<String> features,
      Map<String, Long> limits,
      List<String> authorizedDomains,
      Instant issuedAt,
      @Nullable Instant expiresAt,
      int graceDays) {

    static Payload of(LicenseDocument d) {
      return new Payload(
          d.iss(),
          d.sub(),
          d.iat(),
          d.exp(),
          d.id(),
          d.organizationId(),
          d.licenseType(),
          d.tier(),
          d.features(),
          d.limits(),
          d.authorizedDomains(),
          d.issuedAt(),
          d.expiresAt(),
          d.graceDays());
    }
  }
}
