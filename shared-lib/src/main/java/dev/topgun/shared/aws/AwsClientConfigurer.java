package dev.topgun.shared.aws;

import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * Applies the settings every AWS client in a function shares, so that each client is built the same
 * way in AWS and on a developer machine; only configuration differs.
 *
 * <p>Cold start is the reason for each choice: an explicit region and credentials chain keep the
 * SDK from probing profile files and the instance metadata service, and the URL-connection HTTP
 * client loads far fewer classes than Apache or Netty.
 */
@Singleton
public final class AwsClientConfigurer {

  /** The services whose endpoint may be overridden with {@code topgun.endpoints.<service>}. */
  public static final Set<String> SERVICES =
      Set.of("dynamodb", "events", "cognito", "sfn", "s3", "lambda", "kms", "route53", "realtime");

  private static final String ENDPOINTS_PREFIX = "topgun.endpoints.";
  private static final String DEFAULT_REGION = "us-east-1";

  private final Region region;
  private final Map<String, URI> endpoints;
  private final AwsCredentialsProvider credentials;

  /**
   * Used by Micronaut. The region is {@code topgun.region}, else {@code AWS_REGION} (which Lambda
   * sets), else us-east-1. Static credentials in configuration ({@code aws.accessKeyId} and {@code
   * aws.secretAccessKey}) come first so that a test can hand an application context its credentials
   * without touching JVM-wide system properties.
   */
  @Inject
  public AwsClientConfigurer(PropertyResolver properties) {
    this(regionFrom(properties), endpointsFrom(properties), credentialsFrom(properties));
  }

  /** For code outside an application context, e.g. tests and the local runtime's tools. */
  public AwsClientConfigurer(
      Region region, Map<String, URI> endpoints, AwsCredentialsProvider credentials) {
    for (String service : endpoints.keySet()) {
      if (!SERVICES.contains(service)) {
        throw new IllegalArgumentException(
            "Unknown service '" + service + "' for an endpoint override; known: " + SERVICES);
      }
    }
    this.region = region;
    this.endpoints = Map.copyOf(endpoints);
    this.credentials = credentials;
  }

  /**
   * The credentials the functions use: system properties ({@code aws.accessKeyId}, as the local
   * runtime sets them), then environment variables (as Lambda sets them).
   */
  public static AwsCredentialsProvider defaultCredentials() {
    return AwsCredentialsProviderChain.builder()
        .credentialsProviders(
            SystemPropertyCredentialsProvider.create(),
            EnvironmentVariableCredentialsProvider.create())
        .reuseLastProviderEnabled(true)
        .build();
  }

  /**
   * Sets region, HTTP client, credentials and, when configured, the endpoint override for {@code
   * service} (one of {@link #SERVICES}). Override configuration set on the builder before is kept;
   * set after, it replaces this method's (the SDK does not merge), so call this last.
   */
  public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String service) {
    if (!SERVICES.contains(service)) {
      throw new IllegalArgumentException("Unknown service '" + service + "'; known: " + SERVICES);
    }
    ClientOverrideConfiguration own = builder.overrideConfiguration();
    builder
        .region(region)
        .credentialsProvider(credentials)
        .overrideConfiguration(
            (own == null ? ClientOverrideConfiguration.builder() : own.toBuilder())
                .defaultProfileFileSupplier(AwsClientConfigurer::noProfileFile)
                .build());
    if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
      sync.httpClientBuilder(UrlConnectionHttpClient.builder());
    }
    endpoint(service).ifPresent(builder::endpointOverride);
    return builder;
  }

  /** The region's name, e.g. {@code eu-west-1}, for code that must not depend on the SDK. */
  public String regionName() {
    return region.id();
  }

  public Region region() {
    return region;
  }

  public Optional<URI> endpoint(String service) {
    return Optional.ofNullable(endpoints.get(service));
  }

  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  // The SDK otherwise reads ~/.aws/config while resolving retry mode, FIPS and dual-stack settings.
  private static ProfileFile noProfileFile() {
    return NoProfileFile.EMPTY;
  }

  private static final class NoProfileFile {
    static final ProfileFile EMPTY = ProfileFile.aggregator().build();
  }

  private static Region regionFrom(PropertyResolver properties) {
    // Micronaut exposes the environment variable AWS_REGION as the property aws.region.
    return Region.of(
        properties
            .get("topgun.region", String.class)
            .filter(region -> !region.isBlank())
            .or(() -> properties.get("aws.region", String.class))
            .filter(region -> !region.isBlank())
            .orElse(DEFAULT_REGION));
  }

  private static Map<String, URI> endpointsFrom(PropertyResolver properties) {
    Map<String, URI> endpoints = new HashMap<>();
    for (String service : SERVICES) {
      properties
          .get(ENDPOINTS_PREFIX + service, String.class)
          .filter(value -> !value.isBlank())
          .ifPresent(value -> endpoints.put(service, URI.create(value.trim())));
    }
    return endpoints;
  }

  private static AwsCredentialsProvider credentialsFrom(PropertyResolver properties) {
    Optional<String> keyId = properties.get("aws.accessKeyId", String.class);
    Optional<String> secret = properties.get("aws.secretAccessKey", String.class);
    if (keyId.isPresent() && secret.isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(keyId.get(), secret.get()));
    }
    return defaultCredentials();
  }
}
