package dev.topgun.shared.aws;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;

/**
 * The Route 53 client, apart from {@link AwsClients} because shared-lib declares the Route 53 SDK
 * optional: only functions that declare {@code software.amazon.awssdk:route53} have this bean.
 *
 * <p>Route 53 is global and signs for {@code us-east-1}. Without an override the SDK's endpoint
 * rules give that (and {@code route53.amazonaws.com}) from any region of the partition; with one
 * ({@code topgun.endpoints.route53}) they keep the client's region for signing, so the region is
 * set to {@code us-east-1} here: the request is then the one AWS would receive.
 */
@Factory
@Requires(classes = Route53Client.class)
public class Route53Clients {

  @Singleton
  @Bean(preDestroy = "close")
  public Route53Client route53Client(AwsClientConfigurer configurer) {
    Route53ClientBuilder builder = configurer.configure(Route53Client.builder(), "route53");
    if (configurer.endpoint("route53").isPresent()) {
      builder.region(Region.US_EAST_1);
    }
    return builder.build();
  }
}
