package dev.topgun.shared.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One EventBridge event as a function receives it.
 *
 * @param id EventBridge's id of this event (a new one for every {@code PutEvents} entry, also when
 *     a publisher sends the same fact twice)
 * @param source e.g. {@code topgun.licensing}, or {@code aws.events} for a schedule
 * @param detailType e.g. {@code LicenseExpired}, or {@code Scheduled Event}
 * @param time when the event happened, as EventBridge states it (whole seconds)
 * @param resources the event's {@code resources}: for a scheduled event, the rule's ARN
 * @param detailJson the event's {@code detail} as JSON; for Topgun events an {@link EventEnvelope}
 */
public record ReceivedEvent(
    String id,
    String source,
    String detailType,
    Instant time,
    List<String> resources,
    String detailJson) {

  /** The source of scheduled events. */
  public static final String SCHEDULE_SOURCE = "aws.events";

  /** The detail-type of scheduled events. */
  public static final String SCHEDULED_EVENT = "Scheduled Event";

  /**
   * The {@code detail} member naming the schedule a Topgun schedule rule fired for (its target's
   * input transformer, and the local runtime, put it there).
   */
  public static final String SCHEDULE_MEMBER = "schedule";

  private static final JsonFactory JSON = new JsonFactory();

  public ReceivedEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(detailType, "detailType");
    resources = resources == null ? List.of() : List.copyOf(resources);
    detailJson = detailJson == null || detailJson.isBlank() ? "{}" : detailJson;
  }

  /**
   * The envelope's {@code data} (Topgun events wrap their data in an {@link EventEnvelope}) as
   * {@code type}.
   *
   * @throws IllegalArgumentException when the detail has no {@code data}
   * @throws UncheckedIOException when the detail or the data cannot be read as JSON of that type
   */
  public <T> T data(JsonMapper mapper, Class<T> type) {
    JsonNode data;
    try {
      data = mapper.readValue(detailJson, JsonNode.class).get("data");
    } catch (IOException e) {
      throw new UncheckedIOException("The detail of event " + id + " is not JSON", e);
    }
    if (data == null || data.isNull()) {
      throw new IllegalArgumentException(
          "Event " + id + " (" + detailType + ") has no data in its detail");
    }
    try {
      return mapper.readValueFromTree(data, type);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The data of event " + id + " (" + detailType + ") is not a " + type.getSimpleName(), e);
    }
  }

  /**
   * The fact's own id: the envelope's {@code eventId} when the detail has one, else EventBridge's
   * {@link #id()}. A publisher that sends one fact twice sends the same {@code eventId} in two
   * events with different ids, so consumers dedupe on this.
   */
  public String eventId() {
    return detailString("eventId").orElse(id);
  }

  /** The envelope's {@code correlationId}, when the publisher had one. */
  public Optional<String> correlationId() {
    return detailString("correlationId");
  }

  /** Whether this is EventBridge's scheduled event, as a schedule rule delivers it. */
  public boolean isScheduled() {
    return SCHEDULE_SOURCE.equals(source) && SCHEDULED_EVENT.equals(detailType);
  }

  /**
   * For a scheduled event, the schedule's name: {@code detail.schedule} (what Topgun's schedule
   * rules and the local runtime send), else the name of the rule that fired (the last segment of
   * the rule ARN in {@code resources}), so that a rule named like its schedule also works.
   */
  public Optional<String> scheduleName() {
    if (!isScheduled()) {
      return Optional.empty();
    }
    Optional<String> declared = detailString(SCHEDULE_MEMBER).filter(s -> !s.isBlank());
    if (declared.isPresent()) {
      return declared;
    }
    return resources.stream()
        .filter(arn -> arn.startsWith("arn:") && arn.contains(":rule/"))
        .map(arn -> arn.substring(arn.lastIndexOf('/') + 1))
        .filter(name -> !name.isBlank())
        .findFirst();
  }

  /** Whether {@code event} (a parsed Lambda payload) is an EventBridge event. */
  public static boolean isEventBridgeEvent(JsonNode event) {
    return event != null
        && event.isObject()
        && isText(event.get("detail-type"))
        && isText(event.get("source"))
        && isText(event.get("id"));
  }

  /**
   * Reads an EventBridge event as Lambda receives it ({@code {"version": "0", "id": …,
   * "detail-type": …, "source": …, "time": …, "resources": […], "detail": {…}}}).
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static ReceivedEvent of(JsonNode event, JsonMapper mapper) {
    if (!isEventBridgeEvent(event)) {
      throw new IllegalArgumentException("Not an EventBridge event: no id, source or detail-type");
    }
    List<String> resources = new ArrayList<>();
    JsonNode listed = event.get("resources");
    if (listed != null && listed.isArray()) {
      listed.values().forEach(r -> resources.add(r.isString() ? r.getStringValue() : r.toString()));
    }
    JsonNode detail = event.get("detail");
    String detailJson;
    try {
      detailJson = detail == null || detail.isNull() ? "{}" : mapper.writeValueAsString(detail);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ReceivedEvent(
        event.get("id").getStringValue(),
        event.get("source").getStringValue(),
        event.get("detail-type").getStringValue(),
        time(event.get("time")),
        resources,
        detailJson);
  }

  /** {@link #of(JsonNode, JsonMapper)} from the event's JSON, e.g. a test fixture. */
  public static ReceivedEvent fromJson(JsonMapper mapper, String eventJson) {
    try {
      return of(mapper.readValue(eventJson, JsonNode.class), mapper);
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON: an EventBridge event was expected", e);
    }
  }

  private static Instant time(JsonNode time) {
    if (!isText(time)) {
      return null;
    }
    try {
      return Instant.parse(time.getStringValue());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isText(JsonNode node) {
    return node != null && node.isString();
  }

  /** A string member at the top of the detail, read without binding the rest. */
  private Optional<String> detailString(String member) {
    try (JsonParser parser = JSON.createParser(detailJson)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (member.equals(name)) {
          return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
        }
        parser.skipChildren();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
