package dev.topgun.licensing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.licensing.domain.Validation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The answer of validation: valid or why not, and what the license grants when valid. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ValidationResponse(
    boolean valid,
    @Nullable String reason,
    List<String> features,
    Map<String, Long> limits,
    @Nullable Instant graceEndsAt) {

  static ValidationResponse of(Validation validation) {
    if (!validation.verdict().valid()) {
      return new ValidationResponse(
          false, validation.verdict().reason().value(), List.of(), Map.of(), null);
    }
    return new ValidationResponse(
        true,
        null,
        validation.terms().featureValues(),
        validation.terms().limitValues(),
        validation.graceEndsAt().orElse(null));
  }
}
