package dev.topgun.branding.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.branding.events.BrandingChangedV1;
import dev.topgun.branding.events.OrganizationMovedV1;
import dev.topgun.shared.events.EventEnvelope;
import dev.topgun.shared.testing.EventFixtures;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The events branding publishes, as their fixtures say ({@code
 * src/test/resources/events/<name>-v<version>.json}), built by the code that builds the real ones
 * ({@link Facts}); the warm-up reads the same fixture back.
 */
class EventContractsTest {

  static final String ORG = "01JD2Y5WZZ0000000000000007";
  static final String CSS = "/v1/branding/css/875ebf9de7117ffa652e793d0ad966ad.css";

  private final EventFixtures fixtures =
      new EventFixtures("01JD2Y5XK4B6V8N0Q2S4T6W8Y2", Instant.parse("2026-11-25T12:00:00.123Z"));

  @Test
  void brandingChanged_serialisesToItsFixture() throws IOException {
    fixtures.assertMatches(Facts.brandingChanged(ORG, "updated", CSS, true));
  }

  @Test
  void theFixture_readsBackIntoTheContract_asTheWarmUpReadsIt() throws IOException {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Argument<EventEnvelope<BrandingChangedV1>> type =
        (Argument) Argument.of(EventEnvelope.class, Argument.of(BrandingChangedV1.class, "T"));

    EventEnvelope<BrandingChangedV1> read =
        ObjectMapper.getDefault()
            .readValue(
                Files.readAllBytes(EventFixtures.DIRECTORY.resolve("BrandingChanged-v1.json")),
                type);

    assertThat(read.data()).isEqualTo(new BrandingChangedV1(ORG, "updated", CSS, true));
    assertThat(read.organizationId()).isEqualTo(ORG);
  }

  @Test
  void organizationsMovedFixture_readsIntoWhatTheMoveFollowUpTakes() throws IOException {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Argument<EventEnvelope<OrganizationMovedV1>> type =
        (Argument) Argument.of(EventEnvelope.class, Argument.of(OrganizationMovedV1.class, "T"));

    EventEnvelope<OrganizationMovedV1> read =
        ObjectMapper.getDefault()
            .readValue(
                Files.readAllBytes(EventFixtures.DIRECTORY.resolve("OrganizationMoved-v1.json")),
                type);

    assertThat(read.data())
        .isEqualTo(
            new OrganizationMovedV1(
                "01JD2Y5WZZ0000000000000003",
                "01JD2Y5WZZ0000000000000002",
                "01JD2Y5WZZ0000000000000004",
                "operator-sub"));
  }
}
