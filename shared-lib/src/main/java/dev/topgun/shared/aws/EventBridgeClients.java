package dev.topgun.shared.aws;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The EventBridge client, apart from {@link AwsClients} because shared-lib declares the EventBridge
 * SDK optional: only functions that put events on the bus themselves (the outbox relay) declare
 * {@code software.amazon.awssdk:eventbridge} and have this bean.
 */
@Factory
@Requires(classes = EventBridgeClient.class)
public class EventBridgeClients {

  @Singleton
  @Bean(preDestroy = "close")
  public EventBridgeClient eventBridgeClient(AwsClientConfigurer configurer) {
    return configurer.configure(EventBridgeClient.builder(), "events").build();
  }
}
