package dev.topgun.local.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.topgun.emulators.Json;
import dev.topgun.local.lambda.Invocation;
import dev.topgun.local.lambda.Invoker;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda {@code Invoke} API ({@code POST /2015-03-31/functions/{name}/invocations}), answered
 * as the Lambda service does so that the SDK's {@code LambdaClient} and Step Functions' Lambda
 * tasks work against it unchanged.
 */
final class LambdaInvokeApi {

  static final Pattern PATH = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");
  private static final Logger LOG = LoggerFactory.getLogger(LambdaInvokeApi.class);

  private final Invoker invoker;
  private final Executor async;
  private final String arnPrefix;

  LambdaInvokeApi(Invoker invoker, Executor async, String arnPrefix) {
    this.invoker = invoker;
    this.async = async;
    this.arnPrefix = arnPrefix;
  }

  static boolean accepts(HttpExchange exchange) {
    return "POST".equals(exchange.getRequestMethod())
        && PATH.matcher(exchange.getRequestURI().getRawPath()).matches();
  }

  void handle(HttpExchange exchange) throws IOException {
    Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
    if (!path.matches()) {
      throw new IllegalStateException("not an Invoke request");
    }
    String requestId = UUID.randomUUID().toString();
    Map<String, List<String>> headers = Map.of("x-amzn-RequestId", List.of(requestId));
    String function = functionName(URLDecoder.decode(path.group(1), StandardCharsets.UTF_8));
    if (!invoker.exists(function)) {
      error(exchange, 404, "ResourceNotFoundException", "Function not found: " + arn(function));
      return;
    }
    byte[] payload;
    try (InputStream in = exchange.getRequestBody()) {
      payload = in.readAllBytes();
    }
    if (payload.length == 0) {
      payload = "{}".getBytes(StandardCharsets.UTF_8);
    }
    try {
      Json.parse(payload);
    } catch (IOException e) {
      error(
          exchange,
          400,
          "InvalidRequestContentException",
          "Could not parse request body into json: "
              + e.getMessage().lines().findFirst().orElse(""));
      return;
    }
    String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
    if (type == null || type.equals("RequestResponse")) {
      Invocation result = invoker.invoke(function, payload);
      Map<String, List<String>> answer =
          result.failed()
              ? Map.of(
                  "x-amzn-RequestId", List.of(requestId),
                  "X-Amz-Executed-Version", List.of("$LATEST"),
                  "X-Amz-Function-Error", List.of("Unhandled"))
              : Map.of(
                  "x-amzn-RequestId", List.of(requestId),
                  "X-Amz-Executed-Version", List.of("$LATEST"));
      Responses.send(exchange, 200, "application/json", result.payload(), answer);
    } else if (type.equals("Event")) {
      byte[] event = payload;
      async.execute(() -> invokeAsync(function, event));
      Responses.send(exchange, 202, null, new byte[0], headers);
    } else if (type.equals("DryRun")) {
      Responses.send(exchange, 204, null, new byte[0], headers);
    } else {
      error(
          exchange,
          400,
          "InvalidParameterValueException",
          "Unsupported X-Amz-Invocation-Type: " + type);
    }
  }

  private void invokeAsync(String function, byte[] payload) {
    try {
      Invocation result = invoker.invoke(function, payload);
      if (result.failed()) {
        LOG.warn("asynchronous invocation of {} failed: {}", function, result.payloadText());
      }
    } catch (RuntimeException e) {
      LOG.warn("asynchronous invocation of {} failed: {}", function, e.toString());
    }
  }

  /** A function name, a partial ARN ({@code name:qualifier}) or a full ARN, to the name. */
  static String functionName(String nameOrArn) {
    String[] parts = nameOrArn.split(":");
    if (nameOrArn.startsWith("arn:") && parts.length >= 7) {
      return parts[6];
    }
    if (parts.length == 3 && parts[1].equals("function")) {
      return parts[2];
    }
    return parts[0];
  }

  private String arn(String function) {
    return arnPrefix + function;
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("Type", "User");
    body.put("message", message);
    Responses.send(
        exchange,
        status,
        "application/json",
        Json.bytes(body),
        Map.of("x-amzn-ErrorType", List.of(code)));
  }
}
