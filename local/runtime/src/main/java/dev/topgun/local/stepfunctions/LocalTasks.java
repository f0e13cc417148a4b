package dev.topgun.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.AwsError;
import dev.topgun.emulators.Json;
import dev.topgun.local.events.EventBus;
import dev.topgun.local.stepfunctions.asl.Resource;
import dev.topgun.local.stepfunctions.asl.Tasks;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * The Task integrations of the local runtime. Lambda tasks call the runtime's own Lambda Invoke API
 * through the SDK's {@code LambdaClient}, as Step Functions calls Lambda's (synchronous {@code
 * RequestResponse} unless the parameters say {@code InvocationType}), and shape the answer as Step
 * Functions does; {@code events:putEvents} puts the entries on the runtime's bus.
 */
public final class LocalTasks implements Tasks {

  private final LambdaClient lambda;
  private final EventBus bus;
  private final Executor calls;

  /**
   * @param lambda pointed at the runtime's own port, with no SDK retries (the state's Retry
   *     decides)
   * @param calls where the blocking calls run
   */
  public LocalTasks(LambdaClient lambda, EventBus bus, Executor calls) {
    this.lambda = lambda;
    this.bus = bus;
    this.calls = calls;
  }

  @Override
  public void call(Resource resource, JsonNode parameters, Callback callback) {
    calls.execute(
        () -> {
          try {
            switch (resource.kind()) {
              case LAMBDA_INVOKE -> invoke(parameters, callback);
              case LAMBDA_FUNCTION -> function(resource.arn(), parameters, callback);
              case EVENTS_PUT_EVENTS -> putEvents(parameters, callback);
            }
          } catch (RuntimeException e) {
            callback.failed("States.TaskFailed", e.toString());
          }
        });
  }

  /** {@code arn:aws:states:::lambda:invoke}: the Invoke API's answer, with its HTTP metadata. */
  private void invoke(JsonNode parameters, Callback callback) {
    InvokeRequest.Builder request =
        InvokeRequest.builder().functionName(parameters.path("FunctionName").asText());
    if (parameters.has("Payload")) {
      request.payload(SdkBytes.fromUtf8String(Json.text(parameters.get("Payload"))));
    }
    if (parameters.hasNonNull("InvocationType")) {
      request.invocationType(parameters.get("InvocationType").asText());
    }
    if (parameters.hasNonNull("Qualifier")) {
      request.qualifier(parameters.get("Qualifier").asText());
    }
    if (parameters.hasNonNull("ClientContext")) {
      request.clientContext(parameters.get("ClientContext").asText());
    }
    InvokeResponse response = invoked(request.build(), callback);
    if (response == null) {
      return;
    }
    String payload = payloadOf(response);
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.put("ExecutedVersion", response.executedVersion());
    result.set("Payload", payloadJson(payload));
    ObjectNode metadata = result.putObject("SdkHttpMetadata");
    ObjectNode all = metadata.putObject("AllHttpHeaders");
    ObjectNode single = metadata.putObject("HttpHeaders");
    for (Map.Entry<String, List<String>> header : response.sdkHttpResponse().headers().entrySet()) {
      ArrayNode values = all.putArray(header.getKey());
      header.getValue().forEach(values::add);
      single.put(header.getKey(), String.join(",", header.getValue()));
    }
    metadata.put("HttpStatusCode", response.sdkHttpResponse().statusCode());
    result
        .putObject("SdkResponseMetadata")
        .put("RequestId", response.responseMetadata().requestId());
    result.put("StatusCode", response.statusCode());
    callback.succeeded(result);
  }

  /** A function ARN as the resource: the input is the payload, the answer is the result. */
  private void function(String arn, JsonNode input, Callback callback) {
    InvokeResponse response =
        invoked(
            InvokeRequest.builder()
                .functionName(arn)
                .payload(SdkBytes.fromUtf8String(Json.text(input)))
                .build(),
            callback);
    if (response != null) {
      callback.succeeded(payloadJson(payloadOf(response)));
    }
  }

  /**
   * Invokes the function; when the call or the function failed, tells {@code callback} as Step
   * Functions names the error and returns null.
   */
  private InvokeResponse invoked(InvokeRequest request, Callback callback) {
    InvokeResponse response;
    try {
      response = lambda.invoke(request);
    } catch (LambdaException e) {
      callback.failed(serviceError(e), serviceCause(e));
      return null;
    } catch (SdkClientException e) {
      callback.failed("Lambda.SdkClientException", e.getMessage());
      return null;
    }
    if (response.functionError() != null) {
      String payload = payloadOf(response);
      callback.failed(functionError(payload), payload);
      return null;
    }
    return response;
  }

  private static String payloadOf(InvokeResponse response) {
    return response.payload() == null ? "" : response.payload().asUtf8String();
  }

  /** {@code arn:aws:states:::events:putEvents}: a {@code Detail} object goes as its JSON text. */
  private void putEvents(JsonNode parameters, Callback callback) {
    ObjectNode request = parameters.deepCopy();
    for (JsonNode entry : request.path("Entries")) {
      if (entry instanceof ObjectNode object
          && object.has("Detail")
          && !object.get("Detail").isTextual()) {
        object.put("Detail", Json.text(object.get("Detail")));
      }
    }
    ObjectNode answer;
    try {
      answer = bus.putEvents(request);
    } catch (AwsError e) {
      callback.failed("EventBridge." + e.code(), e.getMessage());
      return;
    }
    if (answer.path("FailedEntryCount").asInt() > 0) {
      callback.failed("EventBridge.FailedEntry", Json.text(answer));
      return;
    }
    callback.succeeded(answer);
  }

  /** The function's {@code errorType}, as Step Functions names a function's error. */
  static String functionError(String payload) {
    try {
      JsonNode error = Json.parse(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (error.path("errorType").isTextual()) {
        return error.get("errorType").asText();
      }
    } catch (IOException e) {
      // not JSON: Lambda.Unknown below
    }
    return "Lambda.Unknown";
  }

  /**
   * {@code Lambda.ResourceNotFoundException} and the like; the base class as Step Functions names
   * it.
   */
  static String serviceError(LambdaException e) {
    String simple = e.getClass().getSimpleName();
    return simple.equals("LambdaException") ? "Lambda.AWSLambdaException" : "Lambda." + simple;
  }

  private static String serviceCause(LambdaException e) {
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    String message =
        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    return message
        + " (Service: AWSLambda; Status Code: "
        + e.statusCode()
        + "; Error Code: "
        + code
        + "; Request ID: "
        + e.requestId()
        + "; Proxy: null)";
  }

  private static JsonNode payloadJson(String payload) {
    if (payload.isEmpty()) {
      return Json.MAPPER.getNodeFactory().textNode("");
    }
    try {
      return Json.parse(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Json.MAPPER.getNodeFactory().textNode(payload);
    }
  }
}
