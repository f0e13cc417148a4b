package dev.topgun.shared.aws;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The AWS clients shared-lib needs, one of each per JVM (a Lambda execution environment). */
@Factory
public class AwsClients {

  @Singleton
  @Bean(preDestroy = "close")
  public DynamoDbClient dynamoDbClient(AwsClientConfigurer configurer) {
    return configurer.configure(DynamoDbClient.builder(), "dynamodb").build();
  }

  @Singleton
  public DynamoDbEnhancedClient dynamoDbEnhancedClient(DynamoDbClient dynamoDb) {
    return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
  }
}
