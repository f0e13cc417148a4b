package dev.topgun.licensing.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.licensing.domain.LicenseDocument;
import dev.topgun.licensing.domain.LicenseDocuments;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.SerdeImport;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A document's payload as the function's JSON mapper writes it: the domain's {@link
 * LicenseDocument} as it is (imported for serialisation, so the domain stays plain Java), its
 * members in the record's order, {@code exp} and {@code expiresAt} left out for a license that
 * never expires.
 */
@Singleton
@SerdeImport(value = LicenseDocument.class, mixin = JsonLicenseDocuments.Inclusion.class)
public class JsonLicenseDocuments implements LicenseDocuments {

  private final JsonMapper json;

  public JsonLicenseDocuments(JsonMapper json) {
    this.json = json;
  }

  @Override
  public byte[] payload(LicenseDocument document) {
    try {
      return json.writeValueAsBytes(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Absent members are left out, empty lists kept (what was signed before is signed the same). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  interface Inclusion {}
}
