import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarFile;

/**
 * One cold start for local/bench/cold-start. Runs on the function's own Lambda jar as the class
 * path: creates the handler its manifest names, hands it one API Gateway GET event, prints {@code answered
 * <epoch-ms> status=<code>} and stops the JVM at once, so that the script measures the whole
 * process from launch to the answer and nothing of its shutdown. The event is built here rather
 * than parsed, so the figure is the function's own start-up, the same for every jar measured.
 */
public final class ColdStartProbe {

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: ColdStartProbe <lambda-jar> <path> [user]");
      System.exit(2);
    }
    String handlerClass;
    try (JarFile jar = new JarFile(args[0])) {
      handlerClass = jar.getManifest().getMainAttributes().getValue("Lambda-Handler");
    }
    @SuppressWarnings("unchecked")
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler =
        (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>)
            Class.forName(handlerClass).getDeclaredConstructor().newInstance();
    APIGatewayProxyResponseEvent response = handler.handleRequest(event(args[1], args.length == 3), null);
    long answeredAt = System.currentTimeMillis();
    System.out.println("answered " + answeredAt + " status=" + response.getStatusCode());
    if (response.getStatusCode() != 200) {
      System.out.println(response.getBody());
    }
    System.out.flush();
    Runtime.getRuntime().halt(0);
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
