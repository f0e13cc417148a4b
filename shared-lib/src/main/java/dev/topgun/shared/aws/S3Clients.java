package dev.topgun.shared.aws;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client and presigner, apart from {@link AwsClients} because shared-lib declares the S3 SDK
 * optional: only functions that declare {@code software.amazon.awssdk:s3} themselves have these
 * beans.
 *
 * <p>Both address buckets path-style ({@code http://host/bucket/key}) when {@code
 * topgun.endpoints.s3} overrides the endpoint, as an S3-compatible server on one host needs, and
 * virtual-hosted-style ({@code https://bucket.s3.region.amazonaws.com/key}) in AWS.
 */
@Factory
@Requires(classes = S3Client.class)
public class S3Clients {

  private static final String SERVICE = "s3";

  /**
   * A new client each time it is asked for: prototypes are not built at start-up (a Lambda context
   * builds every singleton eagerly), and the S3 client is the heaviest there is. Its user keeps the
   * one it took for the JVM's life and closes it.
   */
  @Prototype
  public S3Client s3Client(AwsClientConfigurer configurer) {
    return client(configurer);
  }

  /** As {@link #s3Client}: a new presigner each time, kept by its user. */
  @Prototype
  public S3Presigner s3Presigner(AwsClientConfigurer configurer) {
    return presigner(configurer);
  }

  /** For code outside an application context (tests, the local runtime's setup). */
  public static S3Client client(AwsClientConfigurer configurer) {
    return configurer
        .configure(S3Client.builder(), SERVICE)
        .forcePathStyle(pathStyle(configurer))
        .build();
  }

  /**
   * The presigner is no SDK client builder, so {@link AwsClientConfigurer#configure} does not
   * apply: the same region, credentials and endpoint are set here by hand.
   */
  public static S3Presigner presigner(AwsClientConfigurer configurer) {
    S3Presigner.Builder builder =
        S3Presigner.builder()
            .region(configurer.region())
            .credentialsProvider(configurer.credentials())
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(pathStyle(configurer)).build());
    configurer.endpoint(SERVICE).ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static boolean pathStyle(AwsClientConfigurer configurer) {
    return configurer.endpoint(SERVICE).isPresent();
  }
}
