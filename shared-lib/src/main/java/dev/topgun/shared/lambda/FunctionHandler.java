package dev.topgun.shared.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.topgun.shared.aws.OptionalClasses;
import dev.topgun.shared.events.EventDispatcher;
import dev.topgun.shared.events.ReceivedEvent;
import dev.topgun.shared.metrics.FunctionMetrics;
import dev.topgun.shared.realtime.WebSocketEvent;
import dev.topgun.shared.realtime.WebSocketResponse;
import dev.topgun.shared.realtime.WebSocketRoutes;
import dev.topgun.shared.streams.StreamDispatcher;
import dev.topgun.shared.streams.StreamEvents;
import dev.topgun.shared.streams.StreamRecord;
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
import java.util.List;
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
 *   <li>WebSocket API events ({@code $connect}, messages, {@code $disconnect}) go to the function's
 *       {@code WebSocketRoutes} bean, whose status code API Gateway reads;
 *   <li>DynamoDB stream batches (an event source mapping on the table's stream) go to the
 *       function's {@code StreamConsumer} beans through {@link StreamDispatcher}; the answer names
 *       the first record to retry from ({@code batchItemFailures}).
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
  private final FunctionMetrics metrics;
  private volatile EventDispatcher dispatcher;
  private volatile StreamDispatcher streams;
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
    this.metrics = FunctionMetrics.of(serviceName(api.getApplicationContext()));
  }

  /** The function's name in its metrics: {@code topgun.domain}, else the application's name. */
  private static String serviceName(ApplicationContext context) {
    return context
        .getProperty("topgun.domain", String.class)
        .or(() -> context.getProperty("micronaut.application.name", String.class))
        .orElse("unnamed");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    metrics.coldStart(context);
    try {
      handle(json.readValue(input, JsonNode.class), output, context);
    } finally {
      metrics.flush();
    }
  }

  private void handle(JsonNode payload, OutputStream output, Context context) throws IOException {
    if (ReceivedEvent.isEventBridgeEvent(payload)) {
      HandlerUtils.configureWithContext(api, context);
      EventDispatcher.Dispatch dispatch =
          dispatcher().dispatch(ReceivedEvent.of(payload, json), timeLeft(context));
      for (EventDispatcher.Delivery delivery : dispatch.deliveries()) {
        metrics.count(
            delivery.outcome() == EventDispatcher.Outcome.PROCESSED
                ? "EventsProcessed"
                : "EventDuplicates",
            1);
      }
      json.writeValue(output, dispatch);
    } else if (WebSocketEvent.isWebSocketEvent(payload)) {
      HandlerUtils.configureWithContext(api, context);
      json.writeValue(output, webSocket(WebSocketEvent.of(payload)));
    } else if (StreamEvents.isStreamEvent(payload)) {
      HandlerUtils.configureWithContext(api, context);
      List<StreamRecord> records = StreamEvents.records(payload);
      metrics.count("StreamRecords", records.size());
      json.writeValue(output, streams().dispatch(records));
    } else if (payload != null && payload.isObject() && payload.get("httpMethod") != null) {
      long started = System.nanoTime();
      APIGatewayProxyResponseEvent response =
          api.handleRequest(ApiGatewayEvents.request(payload), context);
      metrics.request(
          response.getStatusCode() == null ? 200 : response.getStatusCode(),
          ApiGatewayEvents.problemType(response),
          Duration.ofNanos(System.nanoTime() - started));
      json.writeValue(output, ApiGatewayEvents.response(response));
    } else if (payload != null && payload.isObject() && payload.get("task") != null) {
      HandlerUtils.configureWithContext(api, context);
      json.writeValue(output, workflowTask(payload.get("task")).run(taskInput(payload)));
    } else {
      throw new IllegalArgumentException(
          "Neither an API Gateway proxy event (httpMethod), a WebSocket API event"
              + " (requestContext.connectionId), an EventBridge event (id, source, detail-type), a"
              + " DynamoDB stream batch (Records from aws:dynamodb) nor a workflow task (task)");
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

  /** The function's WebSocket routes; a function without them refuses every connection. */
  private WebSocketResponse webSocket(WebSocketEvent event) {
    return api.getApplicationContext()
        .findBean(WebSocketRoutes.class)
        .map(routes -> routes.handle(event))
        .orElseGet(() -> WebSocketResponse.status(404, "This function has no WebSocket routes"));
  }

  /** Created at the first stream batch, as the event dispatcher is. */
  private StreamDispatcher streams() {
    StreamDispatcher ready = streams;
    if (ready == null) {
      ready = api.getApplicationContext().getBean(StreamDispatcher.class);
      streams = ready;
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
                .build()) {
      // Built only to load their classes; closing them here keeps nothing alive.
      if (OptionalClasses.present(EVENT_BRIDGE_CLIENT)) {
        EventBridgePreload.build(http);
      }
      if (OptionalClasses.present(S3_CLIENT)) {
        S3Preload.build(http);
      }
    } catch (RuntimeException | Error e) {
      // A preload that fails changes nothing but the timing: the real client reports real errors.
    }
  }

  private static final String EVENT_BRIDGE_CLIENT =
      "software.amazon.awssdk.services.eventbridge.EventBridgeClient";

  private static final String S3_CLIENT = "software.amazon.awssdk.services.s3.S3Client";

  /** Loaded only where the function carries the S3 SDK (branding's assets). */
  private static final class S3Preload {
    static void build(SdkHttpClient http) {
      software.amazon.awssdk.services.s3.S3Client.builder()
          .region(Region.US_EAST_1)
          .credentialsProvider(AnonymousCredentialsProvider.create())
          .httpClient(http)
          .build()
          .close();
    }
  }

  /** Loaded only where the function carries the EventBridge SDK (the outbox relay). */
  private static final class EventBridgePreload {
    static void build(SdkHttpClient http) {
      EventBridgeClient.builder()
          .region(Region.US_EAST_1)
          .credentialsProvider(AnonymousCredentialsProvider.create())
          .httpClient(http)
          .build()
          .close();
    }
  }
}
