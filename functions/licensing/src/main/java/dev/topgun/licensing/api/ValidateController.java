package dev.topgun.licensing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.licensing.domain.DomainBinding;
import dev.topgun.licensing.domain.LicenseKey;
import dev.topgun.licensing.domain.LicenseTerms;
import dev.topgun.licensing.domain.Verdict;
import dev.topgun.licensing.store.LicenseRecordItem;
import dev.topgun.licensing.store.LicenseStore;
import dev.topgun.shared.entitlements.LicenseState;
import dev.topgun.shared.entitlements.Usage;
import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/licenses/validate}: public (a self-hosted instance or a reseller's panel asks
 * with the key alone) and rate-limited at the gateway (route table {@code throttle}). Every answer
 * reads the license strongly consistently — no cache — so a revoke counts at the next validation.
 */
@Controller("/v1/licenses/validate")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ValidateController {

  private final LicenseStore licenses;
  private final Usage usage;
  private final Clock clock;

  ValidateController(LicenseStore licenses, Usage usage, Clock clock) {
    this.licenses = licenses;
    this.usage = usage;
    this.clock = clock;
  }

  @Post
  public Validation validate(@Valid @Body LicenseRequests.Validate body) {
    String host = null;
    if (body.domain() != null) {
      host =
          DomainBinding.normalize(body.domain())
              .orElseThrow(
                  () ->
                      new ProblemException(
                          Problem.of(ProblemType.VALIDATION, "The domain is not a host name.")
                              .withErrors(
                                  List.of(new FieldError("domain", "must be a host name")))));
    }
    Optional<LicenseRecordItem> found =
        LicenseKey.normalize(body.key()).map(LicenseKey::hash).flatMap(licenses::findByKeyHash);
    if (found.isEmpty()) {
      return Validation.invalid(Verdict.notFound());
    }
    LicenseRecordItem record = found.get();
    LicenseTerms terms = LicenseViews.terms(record);
    Instant now = clock.instant();
    Verdict verdict =
        Verdict.of(record.getStatus(), terms, host, usage.all(record.getOrgId()), now);
    if (!verdict.valid()) {
      return Validation.invalid(verdict);
    }
    return new Validation(
        true,
        null,
        LicenseViews.features(terms),
        LicenseViews.limits(terms),
        verdict.state() == LicenseState.GRACE ? terms.graceEndsAt().orElse(null) : null);
  }

  /** The answer: valid or why not, and what the license grants when valid. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Validation(
      boolean valid,
      @Nullable String reason,
      List<String> features,
      Map<String, Long> limits,
      @Nullable Instant graceEndsAt) {

    static Validation invalid(Verdict verdict) {
      return new Validation(false, verdict.reason().value(), List.of(), Map.of(), null);
    }
  }
}
