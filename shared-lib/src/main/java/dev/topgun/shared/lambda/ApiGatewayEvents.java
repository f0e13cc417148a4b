package dev.topgun.shared.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway REST proxy events (payload 1.0) between JSON and {@code aws-lambda-java-events}'
 * types, field by field, as the Lambda runtime's serializer maps them. By hand rather than through
 * Micronaut Serialization: the event types carry no introspection, and generating one for them
 * would put classes that only functions have into every user of shared-lib.
 */
final class ApiGatewayEvents {

  private ApiGatewayEvents() {}

  /** The request event of an API Gateway proxy payload. */
  static APIGatewayProxyRequestEvent request(JsonNode json) {
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    string(json, "version", event::setVersion);
    string(json, "resource", event::setResource);
    string(json, "path", event::setPath);
    string(json, "httpMethod", event::setHttpMethod);
    event.setHeaders(strings(json.get("headers")));
    event.setMultiValueHeaders(lists(json.get("multiValueHeaders")));
    event.setQueryStringParameters(strings(json.get("queryStringParameters")));
    event.setMultiValueQueryStringParameters(lists(json.get("multiValueQueryStringParameters")));
    event.setPathParameters(strings(json.get("pathParameters")));
    event.setStageVariables(strings(json.get("stageVariables")));
    JsonNode context = json.get("requestContext");
    if (context != null && context.isObject()) {
      event.setRequestContext(requestContext(context));
    }
    string(json, "body", event::setBody);
    JsonNode base64 = json.get("isBase64Encoded");
    if (base64 != null && !base64.isNull()) {
      event.setIsBase64Encoded(
          base64.isBoolean()
              ? base64.getBooleanValue()
              : Boolean.parseBoolean(base64.coerceStringValue()));
    }
    return event;
  }

  /** The JSON API Gateway expects back; absent members are left out. */
  static Map<String, Object> response(APIGatewayProxyResponseEvent response) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (response.getStatusCode() != null) {
      json.put("statusCode", response.getStatusCode());
    }
    if (response.getHeaders() != null) {
      json.put("headers", response.getHeaders());
    }
    if (response.getMultiValueHeaders() != null) {
      json.put("multiValueHeaders", response.getMultiValueHeaders());
    }
    if (response.getBody() != null) {
      json.put("body", response.getBody());
    }
    if (response.getIsBase64Encoded() != null) {
      json.put("isBase64Encoded", response.getIsBase64Encoded());
    }
    return json;
  }

  private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

  /**
   * The problem type of a failed answer, as its last path segment ({@code not-found} of {@code
   * https://topgun.dev/problems/not-found}); null for a success or an answer without a problem
   * document.
   */
  static String problemType(APIGatewayProxyResponseEvent response) {
    Integer status = response.getStatusCode();
    String body = response.getBody();
    if (status == null
        || status < 400
        || body == null
        || Boolean.TRUE.equals(response.getIsBase64Encoded())) {
      return null;
    }
    Matcher type = PROBLEM_TYPE.matcher(body);
    if (!type.find()) {
      return null;
    }
    String uri = type.group(1);
    return uri.substring(uri.lastIndexOf('/') + 1);
  }

  private static APIGatewayProxyRequestEvent.ProxyRequestContext requestContext(JsonNode json) {
    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        new APIGatewayProxyRequestEvent.ProxyRequestContext();
    string(json, "accountId", context::setAccountId);
    string(json, "stage", context::setStage);
    string(json, "resourceId", context::setResourceId);
    string(json, "requestId", context::setRequestId);
    string(json, "operationName", context::setOperationName);
    string(json, "resourcePath", context::setResourcePath);
    string(json, "httpMethod", context::setHttpMethod);
    string(json, "apiId", context::setApiId);
    string(json, "path", context::setPath);
    string(json, "extendedRequestId", context::setExtendedRequestId);
    string(json, "requestTime", context::setRequestTime);
    string(json, "domainName", context::setDomainName);
    string(json, "domainPrefix", context::setDomainPrefix);
    string(json, "protocol", context::setProtocol);
    JsonNode epoch = json.get("requestTimeEpoch");
    if (epoch != null && epoch.isNumber()) {
      context.setRequestTimeEpoch(epoch.getLongValue());
    }
    JsonNode authorizer = json.get("authorizer");
    if (authorizer != null && authorizer.isObject()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> plain = (Map<String, Object>) plain(authorizer);
      context.setAuthorizer(plain);
    }
    JsonNode identity = json.get("identity");
    if (identity != null && identity.isObject()) {
      context.setIdentity(identity(identity));
    }
    return context;
  }

  private static APIGatewayProxyRequestEvent.RequestIdentity identity(JsonNode json) {
    APIGatewayProxyRequestEvent.RequestIdentity identity =
        new APIGatewayProxyRequestEvent.RequestIdentity();
    string(json, "cognitoIdentityPoolId", identity::setCognitoIdentityPoolId);
    string(json, "accountId", identity::setAccountId);
    string(json, "cognitoIdentityId", identity::setCognitoIdentityId);
    string(json, "caller", identity::setCaller);
    string(json, "apiKey", identity::setApiKey);
    string(json, "principalOrgId", identity::setPrincipalOrgId);
    string(json, "sourceIp", identity::setSourceIp);
    string(json, "cognitoAuthenticationType", identity::setCognitoAuthenticationType);
    string(json, "cognitoAuthenticationProvider", identity::setCognitoAuthenticationProvider);
    string(json, "userArn", identity::setUserArn);
    string(json, "userAgent", identity::setUserAgent);
    string(json, "user", identity::setUser);
    string(json, "accessKey", identity::setAccessKey);
    return identity;
  }

  private static void string(JsonNode object, String member, Consumer<String> setter) {
    JsonNode value = object.get(member);
    if (value != null && !value.isNull() && value.isValueNode()) {
      setter.accept(value.coerceStringValue());
    }
  }

  private static Map<String, String> strings(JsonNode object) {
    if (object == null || !object.isObject()) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : object.entries()) {
      JsonNode value = entry.getValue();
      map.put(entry.getKey(), value.isNull() ? null : value.coerceStringValue());
    }
    return map;
  }

  private static Map<String, List<String>> lists(JsonNode object) {
    if (object == null || !object.isObject()) {
      return null;
    }
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : object.entries()) {
      JsonNode values = entry.getValue();
      if (values.isNull()) {
        map.put(entry.getKey(), null);
        continue;
      }
      List<String> list = new ArrayList<>();
      for (JsonNode value : values.values()) {
        list.add(value.isNull() ? null : value.coerceStringValue());
      }
      map.put(entry.getKey(), list);
    }
    return map;
  }

  /** A JSON value as maps, lists, strings, numbers, booleans and nulls. */
  private static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : node.entries()) {
        map.put(entry.getKey(), plain(entry.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      for (JsonNode value : node.values()) {
        list.add(plain(value));
      }
      return list;
    }
    if (node.isNull()) {
      return null;
    }
    if (node.isString()) {
      return node.getStringValue();
    }
    if (node.isBoolean()) {
      return node.getBooleanValue();
    }
    return node.getNumberValue();
  }
}
