package dev.topgun.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.emulators.Route53Emulator;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.EndpointAuthScheme;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.endpoints.Route53EndpointProvider;

/**
 * The {@code Route53Client} bean of a function in another region than Route 53's: with the local
 * endpoint override it signs for us-east-1, as Route 53 requires, and reaches the local Route 53.
 */
class Route53ClientsIT {

  @Test
  void withAnEndpointOverride_theClientSignsForUsEast1_andReachesTheLocalRoute53() {
    try (Route53Emulator emulator = Route53Emulator.start();
        ApplicationContext context =
            ApplicationContext.run(
                Map.of(
                    "topgun.region", "eu-west-1",
                    "topgun.endpoints.route53", emulator.endpoint().toString(),
                    "aws.accessKeyId", "local",
                    "aws.secretAccessKey", "local"))) {
      // given
      Route53Client route53 = context.getBean(Route53Client.class);

      // when
      String id =
          route53
              .createHostedZone(r -> r.name("bean.example.test").callerReference("bean-1"))
              .hostedZone()
              .id();

      // then
      assertThat(route53.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
      assertThat(emulator.zones().get(id).name().text()).isEqualTo("bean.example.test.");
    }
  }

  @Test
  void withoutAnOverride_theClientKeepsItsRegion_forTheSdkMapsEveryRegionToTheGlobalEndpoint() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "topgun.region", "eu-west-1",
                "aws.accessKeyId", "local",
                "aws.secretAccessKey", "local"))) {
      // when
      Route53Client route53 = context.getBean(Route53Client.class);
      Endpoint global =
          Route53EndpointProvider.defaultProvider()
              .resolveEndpoint(p -> p.region(Region.EU_WEST_1))
              .join();
      Endpoint overridden =
          Route53EndpointProvider.defaultProvider()
              .resolveEndpoint(p -> p.region(Region.EU_WEST_1).endpoint("http://127.0.0.1:1"))
              .join();

      // then
      assertThat(route53.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
      assertThat(global.url().getHost()).isEqualTo("route53.amazonaws.com");
      assertThat(signingRegions(global)).containsExactly("us-east-1");
      // An override keeps no signing region of its own: the client's is used, hence the bean's.
      assertThat(signingRegions(overridden)).isEmpty();
    }
  }

  private static List<String> signingRegions(Endpoint endpoint) {
    List<EndpointAuthScheme> schemes = endpoint.attribute(AwsEndpointAttribute.AUTH_SCHEMES);
    if (schemes == null) {
      return List.of();
    }
    return schemes.stream()
        .filter(SigV4AuthScheme.class::isInstance)
        .map(scheme -> ((SigV4AuthScheme) scheme).signingRegion())
        .toList();
  }
}
