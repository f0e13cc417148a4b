package dev.topgun.shared.tenancy;

import com.nimbusds.jwt.SignedJWT;
import dev.topgun.shared.aws.AwsClientConfigurer;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The token verifier of the configured user pool, one per JVM — only where Nimbus JOSE is on the
 * classpath (see {@link TokenVerifier}).
 */
@Factory
class TenancyBeans {

  @Singleton
  @Requires(property = "topgun.cognito.user-pool-id")
  @Requires(classes = SignedJWT.class)
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
