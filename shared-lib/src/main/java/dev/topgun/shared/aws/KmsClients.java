package dev.topgun.shared.aws;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The KMS client, apart from {@link AwsClients} because shared-lib declares the KMS SDK optional:
 * only functions that declare {@code software.amazon.awssdk:kms} themselves have this bean.
 */
@Factory
@Requires(classes = KmsClient.class)
public class KmsClients {

  @Singleton
  @Bean(preDestroy = "close")
  public KmsClient kmsClient(AwsClientConfigurer configurer) {
    return configurer.configure(KmsClient.builder(), "kms").build();
  }
}
