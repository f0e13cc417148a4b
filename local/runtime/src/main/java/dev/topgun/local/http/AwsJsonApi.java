package dev.topgun.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.topgun.emulators.AwsError;
import dev.topgun.emulators.Json;
import dev.topgun.emulators.kms.LocalKms;
import dev.topgun.local.events.EventBus;
import dev.topgun.local.stepfunctions.StepFunctions;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The services that speak the AWS JSON 1.1 protocol ({@code POST /} with {@code X-Amz-Target}):
 * EventBridge's {@code PutEvents} and {@code DescribeEventBus}, and KMS ({@code TrentService.*},
 * see {@link LocalKms}); and Step Functions ({@code AWSStepFunctions.*}, AWS JSON 1.0, see {@link
 * StepFunctions}). Request bodies are never logged: KMS's carry plaintexts.
 */
final class AwsJsonApi {

  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final String TARGET = "X-Amz-Target";

  static final String KMS_PREFIX = "TrentService.";

  private final EventBus bus;
  private final LocalKms kms;
  private final StepFunctions stepFunctions;

  AwsJsonApi(EventBus bus, LocalKms kms, StepFunctions stepFunctions) {
    this.bus = bus;
    this.kms = kms;
    this.stepFunctions = stepFunctions;
  }

  static boolean accepts(HttpExchange exchange) {
    return "POST".equals(exchange.getRequestMethod())
        && exchange.getRequestHeaders().containsKey(TARGET);
  }

  void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst(TARGET);
    String requestId = UUID.randomUUID().toString();
    // Step Functions speaks AWS JSON 1.0; the answer's content type follows the protocol.
    String contentType =
        target.startsWith(StepFunctions.TARGET_PREFIX)
            ? "application/x-amz-json-1.0"
            : CONTENT_TYPE;
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
              : target.startsWith(StepFunctions.TARGET_PREFIX)
                  ? stepFunctions.handle(
                      target.substring(StepFunctions.TARGET_PREFIX.length()), request)
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
          contentType,
          Json.bytes(response),
          Map.of("x-amzn-RequestId", List.of(requestId)));
    } catch (AwsError e) {
      Responses.send(
          exchange,
          e.status(),
          contentType,
          e.jsonBody(),
          Map.of("x-amzn-RequestId", List.of(requestId)));
    }
  }
}
