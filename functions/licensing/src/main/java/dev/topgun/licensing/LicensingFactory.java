package dev.topgun.licensing;

import dev.topgun.licensing.domain.EntitlementsService;
import dev.topgun.licensing.domain.ExpirySweep;
import dev.topgun.licensing.domain.LicenseDocuments;
import dev.topgun.licensing.domain.LicenseService;
import dev.topgun.licensing.domain.Licenses;
import dev.topgun.licensing.domain.Pools;
import dev.topgun.licensing.domain.SigningKeyService;
import dev.topgun.licensing.domain.SigningKeys;
import dev.topgun.licensing.domain.ValidationService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain-Java domain services to the adapters (ports) Micronaut provides. */
@Factory
public class LicensingFactory {

  @Singleton
  SigningKeyService signingKeyService(SigningKeys keys, LicenseDocuments documents, Clock clock) {
    return new SigningKeyService(keys, documents, clock);
  }

  @Singleton
  LicenseService licenseService(
      Licenses licenses, Pools pools, SigningKeyService signing, Clock clock) {
    return new LicenseService(licenses, pools, signing, clock);
  }

  @Singleton
  ValidationService validationService(Licenses licenses, Pools pools, Clock clock) {
    return new ValidationService(licenses, pools, clock);
  }

  @Singleton
  EntitlementsService entitlementsService(Pools pools) {
    return new EntitlementsService(pools);
  }

  @Singleton
  ExpirySweep expirySweep(Licenses licenses, Clock clock) {
    return new ExpirySweep(licenses, clock);
  }
}
