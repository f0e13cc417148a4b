package dev.topgun.licensing.api;

import dev.topgun.licensing.domain.DomainBinding;
import dev.topgun.licensing.domain.ValidationService;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;

/**
 * {@code POST /v1/licenses/validate}: public (a self-hosted instance or a reseller's panel asks
 * with the key alone) and rate-limited at the gateway (route table {@code throttle}); a {@code
 * domain} that is not a host name is 400. See {@link ValidationService}.
 */
@Controller("/v1/licenses/validate")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ValidateController {

  private final ValidationService validation;

  ValidateController(ValidationService validation) {
    this.validation = validation;
  }

  @Post
  public ValidationResponse validate(@Valid @Body LicenseRequests.Validate body) {
    String host =
        body.domain() == null ? null : DomainBinding.normalize(body.domain()).orElseThrow();
    return ValidationResponse.of(validation.validate(body.key(), host));
  }
}
