package dev.topgun.shared.tenancy;

import dev.topgun.shared.aws.AwsClientConfigurer;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The token verifier of the configured user pool, one per JVM. */
@Factory
class TenancyBeans {

  @Singleton
  @Requires(property = "topgun.cognito.user-pool-id")
  CognitoTokenVerifier cognitoTokenVerifier(
      AwsClientConfigurer aws,
      Clock clock,
      @Value("${topgun.cognito.user-pool-id}") String userPoolId,
      @Value("${topgun.cognito.client-id:}") String clientId,
      @Value("${topgun.endpoints.cognito:}") String endpoint) {
    return new CognitoTokenVerifier(
        CognitoTokenVerifier.issuer(endpoint, aws.regionName(), userPoolId), clientId, clock);
  }
}
