package dev.topgun.shared.realtime;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Pushes messages to the clients of the WebSocket API through its {@code @connections} management
 * API ({@code topgun.realtime.endpoint}: {@code https://<api>.execute-api.<region>.amazonaws.com/
 * <stage>} in AWS, the local runtime's port locally). Only functions that declare {@code
 * software.amazon.awssdk:apigatewaymanagementapi} have it.
 */
@Singleton
@Requires(classes = ApiGatewayManagementApiClient.class)
@Requires(property = "topgun.realtime.endpoint")
public class ConnectionPublisher {

  private final ApiGatewayManagementApiClient connections;

  public ConnectionPublisher(ApiGatewayManagementApiClient connections) {
    this.connections = connections;
  }

  /**
   * Sends {@code message} (JSON) to one connection.
   *
   * @return false when the connection is gone (the client left; forget it)
   */
  public boolean post(String connectionId, String message) {
    try {
      connections.postToConnection(
          r ->
              r.connectionId(connectionId)
                  .data(SdkBytes.fromString(message, StandardCharsets.UTF_8)));
      return true;
    } catch (GoneException e) {
      return false;
    }
  }

  /** Closes a connection; one already gone is not an error. */
  public void close(String connectionId) {
    try {
      connections.deleteConnection(r -> r.connectionId(connectionId));
    } catch (GoneException e) {
      // Already closed.
    }
  }
}
