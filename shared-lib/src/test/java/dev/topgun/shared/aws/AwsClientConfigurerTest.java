package dev.topgun.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.store.TopgunTable;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

class AwsClientConfigurerTest {

  private static final URI LOCAL = URI.create("http://127.0.0.1:4567");

  @Test
  void aConfiguredClient_usesTheRegion_andTheEndpointOverrideOfItsService() {
    // given
    AwsClientConfigurer configurer =
        new AwsClientConfigurer(
            Region.EU_WEST_1, Map.of("dynamodb", LOCAL), AnonymousCredentialsProvider.create());

    // when
    try (DynamoDbClient dynamoDb =
            configurer.configure(DynamoDbClient.builder(), "dynamodb").build();
        EventBridgeClient events =
            configurer.configure(EventBridgeClient.builder(), "events").build()) {

      // then
      assertThat(dynamoDb.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
      assertThat(dynamoDb.serviceClientConfiguration().endpointOverride()).contains(LOCAL);
      assertThat(events.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
      assertThat(events.serviceClientConfiguration().endpointOverride()).isEmpty();
    }
  }

  @Test
  void overrideConfiguration_setBeforeConfiguring_isKept() {
    // given
    AwsClientConfigurer configurer =
        new AwsClientConfigurer(Region.EU_WEST_1, Map.of(), AnonymousCredentialsProvider.create());
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(7)));

    // when
    configurer.configure(builder, "dynamodb");

    // then
    assertThat(builder.overrideConfiguration().apiCallTimeout()).contains(Duration.ofSeconds(7));
    assertThat(builder.overrideConfiguration().defaultProfileFileSupplier()).isPresent();
  }

  @Test
  void anUnknownService_isRefused() {
    AwsClientConfigurer configurer =
        new AwsClientConfigurer(Region.EU_WEST_1, Map.of(), AnonymousCredentialsProvider.create());

    assertThatThrownBy(() -> configurer.configure(DynamoDbClient.builder(), "dynamo"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AwsClientConfigurer(
                    Region.EU_WEST_1, Map.of("sqs", LOCAL), AnonymousCredentialsProvider.create()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theApplicationContext_buildsClientsFromConfiguration() {
    // given
    Map<String, Object> properties =
        Map.of(
            "topgun.region", "eu-central-1",
            "topgun.table", "topgun-configured",
            "topgun.endpoints.dynamodb", LOCAL.toString(),
            "aws.accessKeyId", "AKIDCONFIGURED",
            "aws.secretAccessKey", "secret");

    // when
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      AwsClientConfigurer configurer = context.getBean(AwsClientConfigurer.class);
      DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);

      // then
      assertThat(configurer.region()).isEqualTo(Region.EU_CENTRAL_1);
      assertThat(configurer.credentials().resolveCredentials().accessKeyId())
          .isEqualTo("AKIDCONFIGURED");
      assertThat(dynamoDb.serviceClientConfiguration().endpointOverride()).contains(LOCAL);
      assertThat(context.getBean(DynamoDbClient.class)).isSameAs(dynamoDb);
      assertThat(
              context
                  .getBean(EventBridgeClient.class)
                  .serviceClientConfiguration()
                  .endpointOverride())
          .isEmpty();
      assertThat(context.getBean(TopgunTable.class).name()).isEqualTo("topgun-configured");
    }
  }

  @Test
  void withoutConfiguration_theRegionComesFromTheLambdaEnvironment_andTheTableIsTopgun() {
    // given
    Region expected =
        Region.of(Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1"));

    // when
    try (ApplicationContext context = ApplicationContext.run()) {

      // then
      assertThat(context.getBean(AwsClientConfigurer.class).region()).isEqualTo(expected);
      assertThat(context.getBean(AwsClientConfigurer.class).endpoint("dynamodb")).isEmpty();
      assertThat(context.getBean(TopgunTable.class).name()).isEqualTo("topgun");
      assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
    }
  }
}
