package dev.topgun.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.events.Event;
import dev.topgun.shared.events.EventEnvelope;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A producer's event contracts against their fixtures ({@code
 * src/test/resources/events/<name>-v<version>.json}, the envelope as EventBridge's {@code detail}):
 * {@link #assertMatches} fails when a sample event, built by the code that builds the real ones,
 * does not serialise to its fixture exactly, so a fixture cannot drift from what is published.
 * {@code -Devents.fixtures=write} rewrites the fixtures first, after a deliberate change (then bump
 * the version if the change is not compatible).
 */
public final class EventFixtures {

  /** Where a module keeps the fixtures of the events it publishes. */
  public static final Path DIRECTORY = Path.of("src/test/resources/events");

  private final ObjectMapper json = ObjectMapper.getDefault();
  private final String eventId;
  private final Instant occurredAt;

  /** Samples enveloped with this {@code eventId} and {@code occurredAt}, as their fixtures say. */
  public EventFixtures(String eventId, Instant occurredAt) {
    this.eventId = eventId;
    this.occurredAt = occurredAt;
  }

  public static Path fixtureOf(Event event) {
    return DIRECTORY.resolve(event.name() + "-v" + event.version() + ".json");
  }

  public void assertMatches(Event event) throws IOException {
    Path fixture = fixtureOf(event);
    String written =
        json.writeValueAsString(
            new EventEnvelope<>(
                event.version(), eventId, occurredAt, event.organizationId(), null, event.data()));
    if ("write".equals(System.getProperty("events.fixtures"))) {
      Files.writeString(fixture, pretty(written), StandardCharsets.UTF_8);
    }
    assertThat(fixture).as("the contract's fixture").exists();
    assertThat(map(written)).as(fixture.toString()).isEqualTo(map(Files.readString(fixture)));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(String text) throws IOException {
    return json.readValue(text, Map.class);
  }

  /** The fixture as a person reads it: one member a line, two spaces an indent. */
  private String pretty(String text) throws IOException {
    StringBuilder out = new StringBuilder();
    pretty(map(text), "", out);
    return out.append('\n').toString();
  }

  private void pretty(Object value, String indent, StringBuilder out) throws IOException {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      out.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> member : map.entrySet()) {
        out.append(indent).append("  ").append(json.writeValueAsString(member.getKey()));
        out.append(": ");
        pretty(member.getValue(), indent + "  ", out);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else {
      out.append(json.writeValueAsString(value));
    }
  }
}
