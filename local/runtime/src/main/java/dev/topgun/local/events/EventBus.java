package dev.topgun.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.AwsError;
import dev.topgun.emulators.Json;
import dev.topgun.local.lambda.Invocation;
import dev.topgun.local.lambda.Invoker;
import dev.topgun.shared.routes.EventRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.GenericMachine;

/**
 * The EventBridge bus of the local runtime: {@code PutEvents} checks entries as EventBridge does,
 * wraps each in the event envelope, matches it against the declared rules with AWS's own matcher
 * (event-ruler), and delivers every match asynchronously to the rule's target functions: each
 * target takes one organization's events one at a time, in the order they were put, and a failed
 * delivery is retried twice (as Lambda retries an asynchronous invocation) before the events behind
 * it go on.
 */
public final class EventBus {

  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
  static final int MAX_ENTRIES = 10;
  static final int MAX_REQUEST_BYTES = 256 * 1024;
  static final String DEFAULT_BUS = "default";

  private final String name;
  private final String region;
  private final String account;
  private final Map<String, EventRules.Rule> rules = new LinkedHashMap<>();
  private final GenericMachine<String> machine = GenericMachine.<String>builder().build();
  private final Invoker invoker;
  private final OrderedDeliveries deliveries;
  private final Clock clock;
  private volatile boolean refusing;

  public EventBus(
      String name,
      String region,
      String account,
      EventRules rules,
      Invoker invoker,
      Executor deliveries,
      Clock clock) {
    this(
        name,
        region,
        account,
        rules,
        invoker,
        deliveries,
        RETRY_TIMER,
        List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)),
        clock);
  }

  /**
   * @param retryDelays the pause before each retry of a failed delivery (Lambda's asynchronous
   *     invocations retry twice, after about one and two minutes; shorter here)
   */
  public EventBus(
      String name,
      String region,
      String account,
      EventRules rules,
      Invoker invoker,
      Executor deliveries,
      ScheduledExecutorService timer,
      List<Duration> retryDelays,
      Clock clock) {
    this.name = name;
    this.region = region;
    this.account = account;
    this.invoker = invoker;
    this.deliveries = new OrderedDeliveries(deliveries, timer, retryDelays);
    this.clock = clock;
    for (EventRules.Rule rule : rules.rules()) {
      try {
        machine.addRule(rule.name(), rule.eventPatternJson());
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            "event rule " + rule.name() + " has a pattern EventBridge would refuse: " + e, e);
      }
      this.rules.put(rule.name(), rule);
    }
  }

  public String name() {
    return name;
  }

  /**
   * While set, {@code PutEvents} takes no entry: each is answered with EventBridge's {@code
   * InternalFailure}, as when the service fails (tests stop the bus this way).
   */
  public void setRefusing(boolean refuse) {
    this.refusing = refuse;
  }

  public String arn() {
    return arnOf(name);
  }

  private String arnOf(String bus) {
    return "arn:aws:events:" + region + ":" + account + ":event-bus/" + bus;
  }

  /** {@code DescribeEventBus}: this bus and the default bus exist. */
  public ObjectNode describeEventBus(JsonNode request) {
    String bus = busName(request.path("Name").asText(DEFAULT_BUS));
    if (bus == null) {
      throw AwsError.notFound(
          "Event bus " + request.path("Name").asText() + " does not exist on this account.");
    }
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("Name", bus);
    response.put("Arn", arnOf(bus));
    return response;
  }

  /** {@code PutEvents}: one result per entry, in order; failed entries carry an error code. */
  public ObjectNode putEvents(JsonNode request) {
    JsonNode entries = request.path("Entries");
    if (!entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
      throw AwsError.validation(
          "1 validation error detected: Value at 'entries' failed to satisfy constraint: "
              + "Member must have length between 1 and "
              + MAX_ENTRIES
              + " (got "
              + (entries.isArray() ? entries.size() : 0)
              + ")");
    }
    if (Json.bytes(entries).length > MAX_REQUEST_BYTES) {
      throw AwsError.validation("Total size of the entries in the request is over the limit.");
    }
    ObjectNode response = Json.MAPPER.createObjectNode();
    ArrayNode results = Json.MAPPER.createArrayNode();
    int failed = 0;
    for (JsonNode entry : entries) {
      ObjectNode result = Json.MAPPER.createObjectNode();
      try {
        if (refusing) {
          throw new EntryError("InternalFailure", "The bus is not taking events (stopped).");
        }
        ObjectNode event = envelope(entry);
        result.put("EventId", event.get("id").asText());
        deliver(busName(entry.path("EventBusName").asText(DEFAULT_BUS)), event);
      } catch (EntryError e) {
        failed++;
        result.put("ErrorCode", e.code);
        result.put("ErrorMessage", e.getMessage());
      }
      results.add(result);
    }
    response.put("FailedEntryCount", failed);
    response.set("Entries", results);
    return response;
  }

  /** The bus an entry names (by name or ARN), or {@code null} if no such bus exists. */
  private String busName(String nameOrArn) {
    String bus = nameOrArn;
    if (bus.startsWith("arn:")) {
      int slash = bus.lastIndexOf('/');
      if (!bus.equals(arnOf(bus.substring(slash + 1)))) {
        return null;
      }
      bus = bus.substring(slash + 1);
    }
    return bus.equals(name) || bus.equals(DEFAULT_BUS) ? bus : null;
  }

  private ObjectNode envelope(JsonNode entry) {
    String bus = entry.path("EventBusName").asText(DEFAULT_BUS);
    if (busName(bus) == null) {
      throw new EntryError(
          "ResourceNotFoundException", "Event bus " + bus + " does not exist on this account.");
    }
    String source = required(entry, "Source");
    if (source.startsWith("aws.")) {
      throw new EntryError("NotAuthorizedForSourceException", "Not authorized for the source.");
    }
    String detailType = required(entry, "DetailType");
    JsonNode detail;
    try {
      detail = Json.parse(required(entry, "Detail").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      detail = null;
    }
    if (detail == null || !detail.isObject()) {
      throw new EntryError("MalformedDetail", "Detail is malformed.");
    }
    ArrayNode resources = Json.MAPPER.createArrayNode();
    JsonNode declared = entry.path("Resources");
    if (!declared.isMissingNode() && !declared.isNull()) {
      if (!declared.isArray()) {
        throw invalid("Resources", "Resources must be a list of ARNs.");
      }
      for (JsonNode resource : declared) {
        if (!resource.isTextual()) {
          throw invalid("Resources", "Resources must be a list of ARNs.");
        }
        resources.add(resource.asText());
      }
    }
    Instant time =
        entry.path("Time").isNumber()
            ? Instant.ofEpochMilli((long) (entry.get("Time").asDouble() * 1000))
            : clock.instant();
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", detailType);
    event.put("source", source);
    event.put("account", account);
    event.put("time", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)));
    event.put("region", region);
    event.set("resources", resources);
    event.set("detail", detail);
    return event;
  }

  private static String required(JsonNode entry, String field) {
    JsonNode value = entry.path(field);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw invalid(field, field + " is a required argument.");
    }
    return value.asText();
  }

  private static EntryError invalid(String field, String reason) {
    return new EntryError(
        "InvalidArgument", "Parameter " + field + " is not valid. Reason: " + reason);
  }

  private void deliver(String bus, ObjectNode event) {
    if (!bus.equals(name)) {
      return;
    }
    String json = Json.text(event);
    List<String> matched;
    try {
      matched = machine.rulesForJSONEvent(json);
    } catch (Exception e) {
      LOG.warn("event {} could not be matched: {}", event.get("id").asText(), e.toString());
      return;
    }
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    String eventId = event.get("id").asText();
    String organization = event.path("detail").path("organizationId").asText("");
    for (String ruleName : matched) {
      for (String target : rules.get(ruleName).targets()) {
        deliveries.submit(
            target + "|" + organization,
            new OrderedDeliveries.Delivery(
                eventId,
                () -> invoke(ruleName, target, payload),
                () ->
                    LOG.error(
                        "rule {}: event {} not delivered to {} after every retry (in AWS it goes"
                            + " to the dead-letter queue)",
                        ruleName,
                        eventId,
                        target)));
      }
    }
  }

  private boolean invoke(String rule, String target, byte[] event) {
    try {
      Invocation result = invoker.invoke(target, event);
      if (result.failed()) {
        LOG.warn("rule {}: target {} failed: {}", rule, target, result.payloadText());
        return false;
      }
      return true;
    } catch (RuntimeException e) {
      LOG.warn("rule {}: delivery to {} failed: {}", rule, target, e.toString());
      return false;
    }
  }

  /** Waits out retry delays; daemon, shared by the buses of one JVM. */
  private static final ScheduledExecutorService RETRY_TIMER =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "event-retries");
            thread.setDaemon(true);
            return thread;
          });

  private static final class EntryError extends RuntimeException {
    private final String code;

    EntryError(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
