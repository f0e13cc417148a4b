package dev.topgun.shared.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.topgun.shared.events.EventDispatcher;
import dev.topgun.shared.events.ReceivedEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.HandlerUtils;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Every function's one Lambda entry point (the {@code Lambda-Handler} of each function's jar),
 * taking what the function is sent:
 *
 * <ul>
 *   <li>API Gateway REST proxy events (payload 1.0) go to the function's Micronaut controllers, as
 *       {@link ApiGatewayProxyRequestEventFunction} does, and its proxy response goes back;
 *   <li>EventBridge events (an event rule's or a schedule's target) go to the function's {@code
 *       EventConsumer} beans through {@link EventDispatcher}, exactly once per consumer; the answer
 *       is the {@link EventDispatcher.Dispatch} (EventBridge ignores it; the Invoke API shows it);
 *   <li>workflow tasks ({@code {"task": "<name>", "input": {...}}}, a state machine's Lambda Task)
 *       go to the {@link WorkflowTask} bean of that name, and its answer goes back.
 * </ul>
 *
 * <p>A stream handler, so that one entry point takes both shapes: the Lambda runtime (and the local
 * runtime, which calls handlers as it does) passes the raw payload, which is parsed once into a
 * tree and recognised by its members ({@code detail-type}, {@code source} and {@code id} make an
 * EventBridge event).
 *
 * <p>For the cold start, loading this class starts a thread that builds and discards one AWS SDK
 * client of each kind every function uses, with no network access, while the constructor starts the
 * application context: building the first client loads and initialises some two thousand classes
 * (about a second on a 2-core machine) and Micronaut's own start-up is single-threaded, so the real
 * clients, built later from configuration, find their classes ready. Where the function has one
 * vCPU this costs nothing; under SnapStart it happens before the snapshot.
 */
public class FunctionHandler implements RequestStreamHandler, Closeable {

  static {
    // On class load, before the constructor builds the application context: that overlap is the
    // whole point.
    Thread thread = new Thread(FunctionHandler::preload, "sdk-preload");
    thread.setDaemon(true);
    thread.start();
  }

  private final ApiGatewayProxyRequestEventFunction api;
  private final JsonMapper json;
  private volatile EventDispatcher dispatcher;
  private volatile Map<String, WorkflowTask> tasks;

  /** As Lambda creates it: the function's application context from its configuration. */
  public FunctionHandler() {
    this(new ApiGatewayProxyRequestEventFunction());
  }

  /** Around an application context the caller built (tests). */
  public FunctionHandler(ApplicationContext context) {
    this(new ApiGatewayProxyRequestEventFunction(context));
  }

  private FunctionHandler(ApiGatewayProxyRequestEventFunction api) {
    this.api = api;
    this.json = api.getApplicationContext().getBean(JsonMapper.class);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode payload = json.readValue(input, JsonNode.class);
    if (ReceivedEvent.isEventBridgeEvent(payload)) {
      HandlerUtils.configureWithContext(api, context);
      EventDispatcher.Dispatch dispatch =
          dispatcher().dispatch(ReceivedEvent.of(payload, json), timeLeft(context));
      json.writeValue(output, dispatch);
    } else if (payload != null && payload.isObject() && payload.get("httpMethod") != null) {
      json.writeValue(
          output,
          ApiGatewayEvents.response(api.handleRequest(ApiGatewayEvents.request(payload), context)));
    } else if (payload != null && payload.isObject() && payload.get("task") != null) {
      HandlerUtils.configureWithContext(api, context);
      json.writeValue(output, workflowTask(payload.get("task")).run(taskInput(payload)));
    } else {
      throw new IllegalArgumentException(
          "Neither an API Gateway proxy event (httpMethod), an EventBridge event (id, source,"
              + " detail-type) nor a workflow task (task)");
    }
  }

  /** The function's application context. */
  public ApplicationContext getApplicationContext() {
    return api.getApplicationContext();
  }

  /** Created at the first event (a prototype), so that answering HTTP never builds it. */
  private EventDispatcher dispatcher() {
    EventDispatcher ready = dispatcher;
    if (ready == null) {
      ready = api.getApplicationContext().getBean(EventDispatcher.class);
      dispatcher = ready;
    }
    return ready;
  }

  private WorkflowTask workflowTask(JsonNode name) {
    Map<String, WorkflowTask> known = tasks;
    if (known == null) {
      known = new TreeMap<>();
      for (WorkflowTask task : api.getApplicationContext().getBeansOfType(WorkflowTask.class)) {
        known.put(task.name(), task);
      }
      tasks = known;
    }
    WorkflowTask task = name.isString() ? known.get(name.getStringValue()) : null;
    if (task == null) {
      throw new IllegalArgumentException(
          "No workflow task '"
              + (name.isString() ? name.getStringValue() : name.toString())
              + "' in this function; it has "
              + known.keySet());
    }
    return task;
  }

  private static JsonNode taskInput(JsonNode payload) {
    JsonNode input = payload.get("input");
    return input == null || input.isNull() ? JsonNode.createObjectNode(Map.of()) : input;
  }

  /** The time Lambda leaves this invocation; null without a Lambda context. */
  private static Duration timeLeft(Context context) {
    if (context == null || context.getRemainingTimeInMillis() <= 0) {
      return null;
    }
    return Duration.ofMillis(context.getRemainingTimeInMillis());
  }

  @Override
  public void close() {
    api.close();
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
