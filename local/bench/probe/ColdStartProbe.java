import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cold start for local/bench/cold-start. Runs on the function's own Lambda jar as the class
 * path: creates the handler its manifest names, hands it one API Gateway GET event, prints {@code answered
 * <epoch-ms> status=<code>} and stops the JVM at once, so that the script measures the whole
 * process from launch to the answer and nothing of its shutdown.
 *
 * <p>The handler is called the way the Lambda runtime calls it: a stream handler (every Topgun
 * function) gets the event's JSON bytes and answers JSON, so its figure includes reading the event
 * and writing the response; a request handler (the "hello" floor) gets the event object, built here.
 * The JSON and the object are the same event, the same for every jar measured.
 */
public final class ColdStartProbe {

  private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: ColdStartProbe <lambda-jar> <path> [user]");
      System.exit(2);
    }
    String handlerClass;
    try (JarFile jar = new JarFile(args[0])) {
      handlerClass = jar.getManifest().getMainAttributes().getValue("Lambda-Handler");
    }
    Object handler = Class.forName(handlerClass).getDeclaredConstructor().newInstance();
    int status;
    String body;
    if (handler instanceof RequestStreamHandler stream) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      stream.handleRequest(
          new ByteArrayInputStream(eventJson(args[1], args.length == 3).getBytes(StandardCharsets.UTF_8)),
          out,
          null);
      body = out.toString(StandardCharsets.UTF_8);
      Matcher matched = STATUS.matcher(body);
      status = matched.find() ? Integer.parseInt(matched.group(1)) : -1;
    } else {
      @SuppressWarnings("unchecked")
      RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> typed =
          (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>) handler;
      APIGatewayProxyResponseEvent response = typed.handleRequest(event(args[1], args.length == 3), null);
      status = response.getStatusCode();
      body = response.getBody();
    }
    long answeredAt = System.currentTimeMillis();
    System.out.println("answered " + answeredAt + " status=" + status);
    if (status != 200) {
      System.out.println(body);
    }
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  /** The event of {@link #event} as API Gateway sends it. */
  private static String eventJson(String path, boolean signedIn) {
    String authorizer =
        signedIn
            ? ",\"authorizer\":{\"claims\":{\"sub\":\"00000000-0000-4000-8000-00000c01d57a\","
                + "\"email\":\"cold-start@topgun.local\",\"email_verified\":\"true\",\"token_use\":\"id\"}}"
            : "";
    return "{\"httpMethod\":\"GET\",\"path\":\"" + path + "\",\"resource\":\"" + path + "\","
        + "\"headers\":{\"Accept\":\"application/json\",\"Host\":\"api.topgun.example\",\"User-Agent\":\"bench\"},"
        + "\"multiValueHeaders\":{\"Accept\":[\"application/json\"],\"Host\":[\"api.topgun.example\"],"
        + "\"User-Agent\":[\"bench\"]},"
        + "\"queryStringParameters\":null,\"multiValueQueryStringParameters\":null,"
        + "\"pathParameters\":null,\"stageVariables\":null,"
        + "\"requestContext\":{\"requestId\":\"" + UUID.randomUUID() + "\",\"stage\":\"bench\","
        + "\"httpMethod\":\"GET\",\"path\":\"" + path + "\",\"resourcePath\":\"" + path + "\","
        + "\"identity\":{\"sourceIp\":\"127.0.0.1\"}" + authorizer + "},"
        + "\"body\":null,\"isBase64Encoded\":false}";
  }

  private static APIGatewayProxyRequestEvent event(String path, boolean signedIn) {
    Map<String, String> headers =
        Map.of("Accept", "application/json", "Host", "api.topgun.example", "User-Agent", "bench");
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    event.setHttpMethod("GET");
    event.setPath(path);
    event.setResource(path);
    event.setHeaders(headers);
    event.setMultiValueHeaders(
        Map.of(
            "Accept", List.of("application/json"),
            "Host", List.of("api.topgun.example"),
            "User-Agent", List.of("bench")));
    event.setIsBase64Encoded(false);
    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setRequestId(UUID.randomUUID().toString());
    context.setStage("bench");
    context.setHttpMethod("GET");
    context.setPath(path);
    context.setResourcePath(path);
    APIGatewayProxyRequestEvent.RequestIdentity identity =
        new APIGatewayProxyRequestEvent.RequestIdentity();
    identity.setSourceIp("127.0.0.1");
    context.setIdentity(identity);
    if (signedIn) {
      // What API Gateway's Cognito authorizer hands a function for a signed-in user.
      context.setAuthorizer(
          Map.of(
              "claims",
              Map.of(
                  "sub", "00000000-0000-4000-8000-00000c01d57a",
                  "email", "cold-start@topgun.local",
                  "email_verified", "true",
                  "token_use", "id")));
    }
    event.setRequestContext(context);
    return event;
  }
}
