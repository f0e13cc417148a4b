package dev.topgun.organizations.domain;

import dev.topgun.organizations.events.OrganizationEvents;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.store.Revision;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.testing.EventFixtures;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The events organizations publishes, as their contracts' fixtures say ({@code
 * src/test/resources/events/<name>-v<version>.json}, the envelope as EventBridge's {@code detail}):
 * a sample of each, built by the code that builds the real ones ({@link Facts}), serialises to its
 * fixture exactly ({@link EventFixtures}), so a fixture cannot drift from what is published.
 * Consumers' tests read the fixtures.
 */
class EventContractsTest {

  static final String EVENT_ID = "01JD2Y5XK4B6V8N0Q2S4T6W8Y0";
  static final Instant OCCURRED = Instant.parse("2026-11-25T12:00:00.123Z");
  static final String ACTOR = "operator-sub";

  static final Organization AGENCY =
      new Organization(
          "01JD2Y5WZZ0000000000000003",
          "Acme Agency",
          "acme-agency",
          HierarchyType.SUB_USER,
          "01JD2Y5WZZ0000000000000002",
          OrganizationStatus.ACTIVE,
          "2026-11-25T11:00:00.000Z",
          null,
          3);
  static final Member MEMBER =
      Member.of(
          AGENCY.id(),
          "member-sub",
          Role.ADMIN,
          Set.of(Permission.SERVERS_WRITE, Permission.BILLING_READ),
          "member@example.test");

  static Stream<Arguments> published() {
    Instant deleted = Instant.parse("2026-11-25T11:30:00Z");
    return Stream.of(
        Arguments.of(Facts.organization(OrganizationEvents.CREATED, AGENCY, ACTOR)),
        Arguments.of(
            Facts.organization(
                OrganizationEvents.UPDATED, AGENCY.renamed("Acme Studio", "acme-studio"), ACTOR)),
        Arguments.of(
            Facts.organization(OrganizationEvents.DELETED, AGENCY.deleted(deleted), ACTOR)),
        Arguments.of(Facts.organization(OrganizationEvents.RESTORED, AGENCY, ACTOR)),
        Arguments.of(
            Facts.moved(AGENCY.id(), AGENCY.parentId(), "01JD2Y5WZZ0000000000000004", ACTOR)),
        Arguments.of(Facts.member(OrganizationEvents.MEMBER_ADDED, MEMBER, ACTOR)),
        Arguments.of(
            Facts.member(
                OrganizationEvents.MEMBER_UPDATED,
                MEMBER.changed(Role.VIEWER, Set.of(Permission.SERVERS_WRITE)),
                ACTOR)),
        Arguments.of(Facts.member(OrganizationEvents.MEMBER_REMOVED, MEMBER, ACTOR)),
        Arguments.of(
            Facts.invitationCreated(
                new Invitation(
                    "01JD2Y5XK4B6V8N0Q2S4T6W8Y9",
                    "the-token-hash-is-never-published",
                    AGENCY.id(),
                    "invitee@example.test",
                    Role.MEMBER,
                    Set.of(),
                    ACTOR,
                    OCCURRED,
                    InvitationStatus.PENDING,
                    null,
                    Revision.NEW),
                ACTOR)));
  }

  private final EventFixtures fixtures = new EventFixtures(EVENT_ID, OCCURRED);

  @ParameterizedTest(name = "{0}")
  @MethodSource("published")
  void aPublishedEvent_serialisesToItsFixture(Event event) throws IOException {
    fixtures.assertMatches(event);
  }
}
