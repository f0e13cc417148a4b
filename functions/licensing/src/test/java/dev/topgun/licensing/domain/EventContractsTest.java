package dev.topgun.licensing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.licensing.domain.LicenseTerms.LicenseType;
import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.licensing.events.LicenseExpiryV1;
import dev.topgun.licensing.events.LicensingEvents;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.events.EventEnvelope;
import dev.topgun.shared.store.Revision;
import dev.topgun.shared.testing.EventFixtures;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The events licensing publishes, as their contracts' fixtures say ({@code
 * src/test/resources/events/<name>-v<version>.json}): a sample of each, built by the code that
 * builds the real ones ({@link Facts}), serialises to its fixture exactly ({@link EventFixtures}).
 * Organizations' consumer test reads {@code License{GraceStarted,Expired}-v1.json}.
 */
class EventContractsTest {

  static final String EVENT_ID = "01JD2Y5XK4B6V8N0Q2S4T6W8Y2";
  static final Instant OCCURRED = Instant.parse("2026-11-25T12:00:00.123Z");
  static final String ORG = "01JD2Y5WZZ0000000000000007";
  static final String ISSUER = "01JD2Y5WZZ0000000000000002";

  /** A reseller's customer's license, carved from the reseller's, that expired on 11 November. */
  static final License LICENSE =
      new License(
          "01JD2Y5WZZ0000000000000001",
          ORG,
          ISSUER,
          "TG-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA",
          new LicenseTerms(
              LicenseType.SUBSCRIPTION,
              Tier.PROFESSIONAL,
              Set.of(Feature.WHITE_LABEL),
              Map.of(),
              List.of(),
              Instant.parse("2026-01-01T00:00:00Z"),
              Instant.parse("2026-11-11T12:00:00Z"),
              14),
          LicenseStatus.ACTIVE,
          null,
          null,
          null,
          null,
          new Revision(3, "2026-01-01T00:00:00.000Z"));

  /** The license's terms at another tier. */
  static LicenseTerms enterprise() {
    LicenseTerms t = LICENSE.terms();
    return new LicenseTerms(
        t.licenseType(),
        Tier.ENTERPRISE,
        t.features(),
        t.limits(),
        t.authorizedDomains(),
        t.issuedAt(),
        t.expiresAt(),
        t.graceDays());
  }

  static Stream<Arguments> published() {
    License suspended = LICENSE.withStatus(LicenseStatus.SUSPENDED, Suspension.ISSUER);
    return Stream.of(
        Arguments.of(Facts.changed(LicensingEvents.ISSUED, LICENSE)),
        Arguments.of(Facts.changed(LicensingEvents.UPDATED, LICENSE.withTerms(enterprise()))),
        Arguments.of(Facts.changed(LicensingEvents.SUSPENDED, suspended)),
        Arguments.of(Facts.changed(LicensingEvents.RESUMED, LICENSE)),
        Arguments.of(
            Facts.changed(
                LicensingEvents.REVOKED, LICENSE.withStatus(LicenseStatus.REVOKED, null))),
        Arguments.of(Facts.expiry(Notice.GRACE, LICENSE)),
        Arguments.of(Facts.expiry(Notice.EXPIRED, LICENSE)));
  }

  private final EventFixtures fixtures = new EventFixtures(EVENT_ID, OCCURRED);

  @ParameterizedTest(name = "{0}")
  @MethodSource("published")
  void aPublishedEvent_serialisesToItsFixture(Event event) throws IOException {
    fixtures.assertMatches(event);
  }

  @Test
  void theExpiryFixtures_readBackIntoTheContract_asOrganizationsReadsThem() throws IOException {
    // given
    ObjectMapper json = ObjectMapper.getDefault();
    @SuppressWarnings({"unchecked", "rawtypes"})
    Argument<EventEnvelope<LicenseExpiryV1>> type =
        (Argument) Argument.of(EventEnvelope.class, Argument.of(LicenseExpiryV1.class, "T"));

    // when
    EventEnvelope<LicenseExpiryV1> grace =
        json.readValue(
            Files.readAllBytes(EventFixtures.DIRECTORY.resolve("LicenseGraceStarted-v1.json")),
            type);

    // then
    assertThat(grace.data())
        .isEqualTo(
            new LicenseExpiryV1(
                LICENSE.id(),
                ORG,
                Instant.parse("2026-11-11T12:00:00Z"),
                Instant.parse("2026-11-25T12:00:00Z")));
    assertThat(grace.organizationId()).isEqualTo(ORG);
  }
}
