package dev.topgun.shared.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The envelope is what every consumer of every Topgun event parses: its JSON shape is fixed by
 * {@code events/envelope-v1.json}, and changing it means a new fixture and a new version.
 */
class EventEnvelopeContractTest {

  @Serdeable
  record OrganizationCreated(String id, String name) {}

  private final ObjectMapper json = ObjectMapper.getDefault();

  @Test
  void theEnvelopeSerialisesToTheVersion1Fixture() throws IOException {
    // given
    EventEnvelope<OrganizationCreated> envelope =
        new EventEnvelope<>(
            1,
            "01JD2Y5XK4B6V8N0Q2S4T6W8Y0",
            Instant.parse("2025-03-04T05:06:07.123Z"),
            "01JD2Y5WZZ0000000000000000",
            "01JD2Y5X000000000000000000",
            new OrganizationCreated("01JD2Y5WZZ0000000000000000", "Acme Hosting"));

    // when
    @SuppressWarnings("unchecked")
    Map<String, Object> written = json.readValue(json.writeValueAsString(envelope), Map.class);

    // then
    assertThat(written).isEqualTo(fixture());
  }

  @Test
  void aConsumerReadsTheFixtureBackIntoTheEnvelope() throws IOException {
    // given
    byte[] fixture;
    try (InputStream in = resource()) {
      fixture = in.readAllBytes();
    }

    // when
    @SuppressWarnings("unchecked")
    EventEnvelope<OrganizationCreated> read =
        json.readValue(
            fixture, Argument.of(EventEnvelope.class, Argument.of(OrganizationCreated.class, "T")));

    // then
    assertThat(read.version()).isEqualTo(1);
    assertThat(read.occurredAt()).isEqualTo(Instant.parse("2025-03-04T05:06:07.123Z"));
    assertThat(read.data())
        .isEqualTo(new OrganizationCreated("01JD2Y5WZZ0000000000000000", "Acme Hosting"));
  }

  private Map<String, Object> fixture() throws IOException {
    try (InputStream in = resource()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = json.readValue(in, Map.class);
      return map;
    }
  }

  private InputStream resource() {
    return getClass().getClassLoader().getResourceAsStream("events/envelope-v1.json");
  }
}
