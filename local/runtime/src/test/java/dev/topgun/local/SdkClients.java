package dev.topgun.local;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** SDK clients as the functions build them: a region, static keys, the endpoint override. */
final class SdkClients {

  private SdkClients() {}

  static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C of(
      B builder, URI endpoint) {
    return builder
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }
}
