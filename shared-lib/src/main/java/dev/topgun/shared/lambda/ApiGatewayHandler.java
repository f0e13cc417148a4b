package dev.topgun.shared.lambda;

import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Every function's Lambda entry point: API Gateway REST proxy events (payload 1.0) into the
 * function's Micronaut controllers, as {@link ApiGatewayProxyRequestEventFunction} does.
 *
 * <p>What it adds is for the cold start. Building the first AWS SDK client loads and initialises
 * some two thousand classes (about a second on a 2-core machine), and Micronaut's own start-up is
 * single-threaded. So loading this class starts a thread that builds and discards one client of
 * each kind every function uses, with no network access, while the constructor starts the
 * application context; the real clients, built later from configuration, then find their classes
 * ready. Where the function has one vCPU this costs nothing; under SnapStart it happens before the
 * snapshot.
 */
public class ApiGatewayHandler extends ApiGatewayProxyRequestEventFunction {

  static {
    // On class load, before the constructor builds the application context: that overlap is the
    // whole point.
    Thread thread = new Thread(ApiGatewayHandler::preload, "sdk-preload");
    thread.setDaemon(true);
    thread.start();
  }

  static void preload() {
    try (SdkHttpClient http = UrlConnectionHttpClient.create();
        DynamoDbClient dynamoDb =
            DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(http)
                .build();
        EventBridgeClient events =
            EventBridgeClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(http)
                .build()) {
      // Built only to load their classes; closing them here keeps nothing alive.
    } catch (RuntimeException | Error e) {
      // A preload that fails changes nothing but the timing: the real client reports real errors.
    }
  }
}
