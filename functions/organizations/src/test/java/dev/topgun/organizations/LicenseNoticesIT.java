package dev.topgun.organizations;

import static dev.topgun.organizations.Deliveries.eventBridge;
import static dev.topgun.organizations.Deliveries.fixture;
import static dev.topgun.organizations.Deliveries.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.events.ProcessedEvents;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.testing.LambdaApi.User;
import dev.topgun.shared.testing.LocalTable;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Other domains' notices delivered to the organizations function's Lambda entry point as
 * EventBridge delivers them, built from the producers' contract fixtures — licensing's {@code
 * LicenseGraceStarted} and {@code LicenseExpired} ({@code
 * functions/licensing/src/test/resources/events/}), shared-lib's {@code LimitThresholdCrossed} —
 * and mailed to the organization's owners through maildev, once per event.
 */
class LicenseNoticesIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();
  @RegisterExtension static final MailedApi MAILED = new MailedApi(TABLE);

  static final String LICENSE_NOTICES = "dev.topgun.organizations.consumers.LicenseNotices";
  static final String THRESHOLD_NOTICES = "dev.topgun.organizations.consumers.ThresholdNotices";
  static final Path LICENSING_EVENTS = Path.of("../licensing/src/test/resources/events");
  static final String FIXTURE_ORG = "01JD2Y5WZZ0000000000000007";
  static final String FIXTURE_EVENT = "\"eventId\": \"";

  private static Api api;
  private static Deliveries deliveries;
  private static Inbox inbox;

  @BeforeAll
  static void start() {
    api = MAILED.api();
    deliveries = new Deliveries(api);
    inbox = MAILED.inbox();
  }

  @Test
  void licenseExpired_mailsEachOwnerOnce_evenWhenDeliveredTwice_andNotTheAdmins() {
    // given: a reseller with two owners and an admin
    String reseller = api.create(Api.OPERATOR, api.root, "expired-reseller", "master_branch");
    User first = User.named("expired-owner-1-" + suffix());
    User second = User.named("expired-owner-2-" + suffix());
    User admin = User.named("expired-admin-" + suffix());
    api.addMember(Api.OPERATOR, reseller, first, "owner");
    api.addMember(Api.OPERATOR, reseller, second, "owner");
    api.addMember(Api.OPERATOR, reseller, admin, "admin");
    String event = licensing("LicenseExpired", Ids.newId(), reseller);

    // when: EventBridge delivers the fact twice (two events, one envelope eventId)
    Map<String, Object> delivered = deliveries.deliver(event);
    Map<String, Object> again = deliveries.deliver(event);

    // then
    assertThat(outcome(delivered, LICENSE_NOTICES)).isEqualTo("PROCESSED");
    assertThat(outcome(again, LICENSE_NOTICES)).isEqualTo("DUPLICATE");
    for (User owner : List.of(first, second)) {
      List<Inbox.Message> mails = inbox.settledTo(owner.email(), MAILED.mailer());
      assertThat(mails).hasSize(1);
      Inbox.Message expired = mails.get(0);
      assertThat(expired.subject()).isEqualTo("Your license has expired");
      assertThat(expired.text())
          .contains("The license of Org expired-reseller expired on 11 November 2026, 12:00 UTC")
          .contains("grace period ended on 25 November 2026, 12:00 UTC")
          .contains("read-only")
          .contains("License: 01JD2Y5WZZ0000000000000001")
          .contains("Organization: " + reseller);
    }
    assertThat(inbox.all()).noneMatch(m -> m.to().contains(admin.email()));
  }

  @Test
  void licenseGraceStarted_tellsTheOwnersUntilWhenEverythingStillWorks() {
    // given
    String reseller = api.create(Api.OPERATOR, api.root, "grace-reseller", "master_branch");
    User owner = User.named("grace-owner-" + suffix());
    api.addMember(Api.OPERATOR, reseller, owner, "owner");

    // when
    deliveries.deliver(licensing("LicenseGraceStarted", Ids.newId(), reseller));

    // then
    Inbox.Message grace = inbox.to(owner.email(), 1).get(0);
    assertThat(grace.subject())
        .isEqualTo("Your license is in its grace period until 25 November 2026, 12:00 UTC");
    assertThat(grace.text())
        .contains("The license of Org grace-reseller expired on 11 November 2026, 12:00 UTC")
        .contains("Renew the license before 25 November 2026, 12:00 UTC");
  }

  @Test
  void limitThresholdCrossedFromLicensing_isMailedAsOrganizationsMailsItsOwnCrossings() {
    // given
    String reseller = api.create(Api.OPERATOR, api.root, "servers-reseller", "master_branch");
    User owner = User.named("servers-owner-" + suffix());
    api.addMember(Api.OPERATOR, reseller, owner, "owner");
    String event =
        eventBridge(
            "topgun.licensing",
            "LimitThresholdCrossed",
            about(fixture("events/LimitThresholdCrossed-v1.json"), Ids.newId(), reseller));

    // when
    Map<String, Object> answer = deliveries.deliver(event);

    // then: shared-lib's fixture (max_users, 8 of 10)
    assertThat(outcome(answer, THRESHOLD_NOTICES)).isEqualTo("PROCESSED");
    Inbox.Message crossed = inbox.to(owner.email(), 1).get(0);
    assertThat(crossed.subject()).isEqualTo("Your plan's max_users is at 80 %");
    assertThat(crossed.text())
        .startsWith(
            "Your organization uses 8 of its 10 max_users (80 %). Consider upgrading your license"
                + " before you reach the limit.\n");
  }

  @Test
  void noOwnerReachable_failsTheDelivery_andLeavesNoRecord_soTheRetryMailsThem()
      throws IOException {
    // given: a second instance of the function whose mail server is down
    String reseller = api.create(Api.OPERATOR, api.root, "down-reseller", "master_branch");
    User owner = User.named("down-owner-" + suffix());
    api.addMember(Api.OPERATOR, reseller, owner, "owner");
    String eventId = Ids.newId();
    String event = licensing("LicenseExpired", eventId, reseller);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (Api mailless =
        new Api(
            TABLE,
            Map.of("topgun.mail.smtp-host", "127.0.0.1", "topgun.mail.smtp-port", closedPort))) {
      Deliveries down = new Deliveries(mailless);

      // when
      assertThatThrownBy(() -> down.deliver(event))
          .hasMessageContaining("was mailed to none of the organization's 1 owner(s)");

      // then: not recorded as processed, so the retry (here by the healthy instance) mails
      assertThat(record(eventId)).isEmpty();
    }
    assertThat(outcome(deliveries.deliver(event), LICENSE_NOTICES)).isEqualTo("PROCESSED");
    assertThat(inbox.settledTo(owner.email(), MAILED.mailer())).hasSize(1);
  }

  // --- helpers ---

  /** Licensing's fixture of {@code detailType}, about {@code orgId}, with its own event id. */
  static String licensing(String detailType, String eventId, String orgId) {
    return eventBridge(
        "topgun.licensing",
        detailType,
        about(fixture(LICENSING_EVENTS.resolve(detailType + "-v1.json")), eventId, orgId));
  }

  /** A fixture's envelope with another event id, about another organization. */
  static String about(String envelope, String eventId, String orgId) {
    assertThat(envelope).contains(FIXTURE_ORG).contains(FIXTURE_EVENT);
    return envelope
        .replace(FIXTURE_ORG, orgId)
        .replaceFirst("\"eventId\": \"[0-9A-Z]{26}\"", "\"eventId\": \"" + eventId + "\"");
  }

  static Map<String, AttributeValue> record(String eventId) {
    return TABLE
        .client()
        .getItem(
            r ->
                r.tableName(TABLE.name())
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "PK",
                            AttributeValue.fromS(ProcessedEvents.pk(LICENSE_NOTICES, eventId)),
                            "SK",
                            AttributeValue.fromS("PROCESSED"))))
        .item();
  }

  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
