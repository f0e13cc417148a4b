package dev.topgun.shared.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.events.Event;
import dev.topgun.shared.events.EventEnvelope;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code LimitThresholdCrossed} version 1 as every producer writes it and organizations reads it:
 * the fixture {@code events/LimitThresholdCrossed-v1.json} (in the test-jar, for consumers' tests)
 * is what a sample serialises to, so it cannot drift from the record.
 */
class LimitThresholdCrossedV1Test {

  static final String FIXTURE = "events/LimitThresholdCrossed-v1.json";

  private final ObjectMapper json = ObjectMapper.getDefault();

  @Test
  void aCrossingSerialisesToTheFixture() throws IOException {
    // given
    ThresholdCrossed crossed =
        new ThresholdCrossed("01JD2Y5WZZ0000000000000007", Limit.MAX_USERS, 80, 8, 10);
    Event event = LimitThresholdCrossedV1.of(crossed).event();

    // when
    EventEnvelope<Object> envelope =
        new EventEnvelope<>(
            event.version(),
            "01JD2Y5XK4B6V8N0Q2S4T6W8Y1",
            Instant.parse("2026-11-25T12:00:00.123Z"),
            event.organizationId(),
            null,
            event.data());
    @SuppressWarnings("unchecked")
    Map<String, Object> written = json.readValue(json.writeValueAsString(envelope), Map.class);

    // then
    assertThat(event.name()).isEqualTo("LimitThresholdCrossed");
    assertThat(written).isEqualTo(fixture());
  }

  @Test
  void theFixtureReadsBackIntoTheRecord() throws IOException {
    // when
    EventEnvelope<LimitThresholdCrossedV1> read;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(FIXTURE)) {
      read =
          json.readValue(
              in.readAllBytes(),
              Argument.of(EventEnvelope.class, Argument.of(LimitThresholdCrossedV1.class, "T")));
    }

    // then
    assertThat(read.version()).isEqualTo(LimitThresholdCrossedV1.VERSION);
    assertThat(read.data())
        .isEqualTo(
            new LimitThresholdCrossedV1("01JD2Y5WZZ0000000000000007", "max_users", 80, 8, 10));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> fixture() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(FIXTURE)) {
      return json.readValue(in, Map.class);
    }
  }
}
