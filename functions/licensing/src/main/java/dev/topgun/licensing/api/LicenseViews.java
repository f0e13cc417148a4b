package dev.topgun.licensing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.licensing.domain.Feature;
import dev.topgun.licensing.domain.LicenseTerms;
import dev.topgun.licensing.domain.LicenseTerms.LicenseType;
import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.licensing.store.LicenseRecordItem;
import dev.topgun.shared.entitlements.LicenseState;
import dev.topgun.shared.entitlements.Limit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A stored license as terms, as the API shows it, and as its signed document says it. */
final class LicenseViews {

  private LicenseViews() {}

  static LicenseTerms terms(LicenseRecordItem record) {
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    if (record.getFeatures() != null) {
      record.getFeatures().forEach(f -> Feature.from(f).ifPresent(features::add));
    }
    Map<Limit, Long> limits = new EnumMap<>(Limit.class);
    if (record.getLimits() != null) {
      record
          .getLimits()
          .forEach((name, max) -> Limit.from(name).ifPresent(l -> limits.put(l, max)));
    }
    return new LicenseTerms(
        LicenseType.valueOf(record.getLicenseType().toUpperCase(Locale.ROOT)),
        Tier.valueOf(record.getTier().toUpperCase(Locale.ROOT)),
        features,
        limits,
        record.getAuthorizedDomains() == null ? List.of() : record.getAuthorizedDomains(),
        Instant.parse(record.getIssuedAt()),
        record.getExpiresAt() == null ? null : Instant.parse(record.getExpiresAt()),
        record.getGraceDays() == null ? 0 : record.getGraceDays());
  }

  /** Writes {@code terms} into {@code record}. */
  static void apply(LicenseTerms terms, LicenseRecordItem record) {
    record.setLicenseType(terms.licenseType().value());
    record.setTier(terms.tier().value());
    record.setFeatures(features(terms).isEmpty() ? null : features(terms));
    record.setLimits(terms.limits().isEmpty() ? null : limits(terms));
    record.setAuthorizedDomains(
        terms.authorizedDomains().isEmpty() ? null : terms.authorizedDomains());
    record.setIssuedAt(terms.issuedAt().toString());
    record.setExpiresAt(terms.expiresAt() == null ? null : terms.expiresAt().toString());
    record.setGraceDays(terms.graceDays());
  }

  static List<String> features(LicenseTerms terms) {
    return terms.features().stream().map(Feature::value).sorted().toList();
  }

  static Map<String, Long> limits(LicenseTerms terms) {
    Map<String, Long> limits = new TreeMap<>();
    terms.limits().forEach((limit, max) -> limits.put(limit.value(), max));
    return limits;
  }

  static LicenseState state(LicenseRecordItem record, Instant now) {
    return LicenseState.at(
        record.getStatus(),
        record.getExpiresAt() == null ? null : Instant.parse(record.getExpiresAt()),
        record.getGraceDays() == null ? 0 : record.getGraceDays(),
        now);
  }

  static License response(LicenseRecordItem record, Instant now) {
    LicenseTerms terms = terms(record);
    return new License(
        record.getLicenseId(),
        record.getOrgId(),
        record.getLicenseKey(),
        terms.licenseType().value(),
        terms.tier().value(),
        features(terms),
        limits(terms),
        terms.authorizedDomains(),
        terms.issuedAt(),
        terms.expiresAt(),
        terms.graceDays(),
        state(record, now).value(),
        terms.graceEndsAt().orElse(null),
        record.getIssuerOrgId());
  }

  static Document document(LicenseRecordItem record) {
    LicenseTerms terms = terms(record);
    return new Document(
        "topgun",
        record.getLicenseId(),
        terms.issuedAt().getEpochSecond(),
        terms.graceEndsAt().map(Instant::getEpochSecond).orElse(null),
        record.getLicenseId(),
        record.getOrgId(),
        terms.licenseType().value(),
        terms.tier().value(),
        features(terms),
        limits(terms),
        terms.authorizedDomains(),
        terms.issuedAt(),
        terms.expiresAt(),
        terms.graceDays());
  }

  /** A license as the API answers it. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record License(
      String id,
      String organizationId,
      String key,
      String licenseType,
      String tier,
      List<String> features,
      Map<String, Long> limits,
      List<String> authorizedDomains,
      Instant issuedAt,
      @Nullable Instant expiresAt,
      int graceDays,
      String status,
      @Nullable Instant graceEndsAt,
      @Nullable String issuerOrganizationId) {}

  /**
   * The signed document's payload: JWT-style {@code iss}, {@code sub}, {@code iat} and {@code exp}
   * (the end of grace; absent for a license that never expires) and the license's terms. Its status
   * is not in it: revocation is answered online by {@code POST /v1/licenses/validate}.
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Document(
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
      int graceDays) {}
}
