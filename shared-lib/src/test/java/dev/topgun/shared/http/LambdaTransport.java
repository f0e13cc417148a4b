package dev.topgun.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The test application behind the Lambda handler every function uses, called with API Gateway
 * (REST, payload 1.0) proxy events as API Gateway sends them.
 */
public final class LambdaTransport implements Transport {

  private final ApplicationContext context;
  private final ApiGatewayProxyRequestEventFunction handler;

  public LambdaTransport(Map<String, Object> properties) {
    this.context = ApplicationContext.builder().properties(properties).build();
    this.handler = new ApiGatewayProxyRequestEventFunction(context);
  }

  @Override
  public String name() {
    return "lambda";
  }

  @Override
  public ApplicationContext context() {
    return context;
  }

  private volatile APIGatewayProxyRequestEvent lastEvent;

  @Override
  public Reply send(Call call) {
    APIGatewayProxyRequestEvent event = event(call);
    lastEvent = event;
    return reply(handler.handleRequest(event, new MockLambdaContext()));
  }

  /** The event of the latest {@link #send}, e.g. for its API Gateway request id. */
  public APIGatewayProxyRequestEvent lastEvent() {
    return lastEvent;
  }

  /** The proxy event API Gateway would send for this call. */
  public static APIGatewayProxyRequestEvent event(Call call) {
    String target = call.target();
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    Map<String, String> query = new LinkedHashMap<>();
    Map<String, List<String>> multiQuery = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : target.substring(q + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String v = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        query.put(k, v);
        multiQuery.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    Map<String, String> headers = new LinkedHashMap<>(call.headers());
    Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
    headers.forEach((k, v) -> multiHeaders.put(k, List.of(v)));
    APIGatewayProxyRequestEvent.ProxyRequestContext requestContext =
        new APIGatewayProxyRequestEvent.ProxyRequestContext()
            .withRequestId("apigw-" + UUID.randomUUID())
            .withHttpMethod(call.method())
            .withPath(path)
            .withStage("test");
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod(call.method())
        .withPath(path)
        .withResource(path)
        .withHeaders(headers)
        .withMultiValueHeaders(multiHeaders)
        .withQueryStringParameters(query.isEmpty() ? null : query)
        .withMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery)
        .withBody(call.body())
        .withIsBase64Encoded(false)
        .withRequestContext(requestContext);
  }

  private static Reply reply(APIGatewayProxyResponseEvent response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (response.getMultiValueHeaders() != null) {
      headers.putAll(response.getMultiValueHeaders());
    }
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((k, v) -> headers.putIfAbsent(k, List.of(v)));
    }
    String body = response.getBody();
    if (body != null && Boolean.TRUE.equals(response.getIsBase64Encoded())) {
      body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
    }
    return new Reply(response.getStatusCode(), headers, body);
  }

  @Override
  public void close() {
    context.close();
  }

  @Override
  public String toString() {
    return name();
  }
}
