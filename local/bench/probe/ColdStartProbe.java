import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
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
 * <p>The handler is called the way the Lambda runtime calls it, from the same event JSON: a stream
 * handler (every Topgun function) gets the JSON bytes and answers JSON; for a request handler (the
 * "hello" floor) the runtime reads the JSON into the event type and writes the response type with
 * its own serializer, {@code aws-lambda-java-serialization}, which this probe uses the same way.
 * Either way the figure includes reading the event and writing the answer.
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
      ClassLoader loader = ColdStartProbe.class.getClassLoader();
      APIGatewayProxyRequestEvent event =
          LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, loader)
              .fromJson(eventJson(args[1], args.length == 3));
      APIGatewayProxyResponseEvent response = typed.handleRequest(event, null);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, loader)
          .toJson(response, out);
      status = response.getStatusCode();
      body = out.toString(StandardCharsets.UTF_8);
    }
    long answeredAt = System.currentTimeMillis();
    System.out.println("answered " + answeredAt + " status=" + status);
    if (status != 200) {
      System.out.println(body);
    }
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  /** One API Gateway GET event, as API Gateway sends it (with authorizer claims when signed in). */
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
}
