package dev.topgun.shared.aws;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The WebSocket API's {@code @connections} client, apart from {@link AwsClients} because shared-lib
 * declares the SDK module optional. Its endpoint is the API's own stage URL ({@code
 * topgun.realtime.endpoint}), not a regional service endpoint.
 */
@Factory
@Requires(classes = ApiGatewayManagementApiClient.class)
@Requires(property = "topgun.realtime.endpoint")
public class ConnectionsClients {

  @Singleton
  @Bean(preDestroy = "close")
  public ApiGatewayManagementApiClient connectionsClient(
      AwsClientConfigurer configurer, @Value("${topgun.realtime.endpoint}") String endpoint) {
    return configurer
        .configure(ApiGatewayManagementApiClient.builder(), "realtime")
        .endpointOverride(URI.create(endpoint))
        .build();
  }
}
