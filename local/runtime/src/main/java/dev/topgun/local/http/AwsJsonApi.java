package dev.topgun.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.topgun.emulators.AwsError;
import dev.topgun.emulators.Json;
import dev.topgun.emulators.kms.LocalKms;
import dev.topgun.local.events.EventBus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The services that speak the AWS JSON 1.1 protocol ({@code POST /} with {@code X-Amz-Target}):
 * EventBridge's {@code PutEvents} and {@code DescribeEventBus}, and KMS ({@code TrentService.*},
 * see {@link LocalKms}). Request bodies are never logged: KMS's carry plaintexts.
 */
final class AwsJsonApi {

  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final String TARGET = "X-Amz-Target";

  static final String KMS_PREFIX = "TrentService.";

  private final EventBus bus;
  private final LocalKms kms;

  AwsJsonApi(EventBus bus, LocalKms kms) {
    this.bus = bus;
    this.kms = kms;
  }

  static boolean accepts(HttpExchange exchange) {
    return "POST".equals(exchange.getRequestMethod())
        && exchange.getRequestHeaders().containsKey(TARGET);
  }

  void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst(TARGET);
    String requestId = UUID.randomUUID().toString();
    try {
      JsonNode request;
      try (InputStream in = exchange.getRequestBody()) {
        request = Json.parse(in.readAllBytes());
      } catch (IOException e) {
        throw new AwsError(400, "SerializationException", "Request body is not JSON.");
      }
      if (!request.isObject()) {
        throw new AwsError(400, "SerializationException", "Request body is not a JSON object.");
      }
      ObjectNode response =
          target.startsWith(KMS_PREFIX)
              ? kms.handle(target.substring(KMS_PREFIX.length()), request)
              : switch (target) {
                case "AWSEvents.PutEvents" -> bus.putEvents(request);
                case "AWSEvents.DescribeEventBus" -> bus.describeEventBus(request);
                default ->
                    throw new AwsError(
                        400,
                        "UnknownOperationException",
                        "The local runtime does not serve the operation " + target + ".");
              };
      Responses.send(
          exchange,
          200,
          CONTENT_TYPE,
          Json.bytes(response),
          Map.of("x-amzn-RequestId", List.of(requestId)));
    } catch (AwsError e) {
      Responses.send(
          exchange,
          e.status(),
          CONTENT_TYPE,
          e.jsonBody(),
          Map.of("x-amzn-RequestId", List.of(requestId)));
    }
  }
}
