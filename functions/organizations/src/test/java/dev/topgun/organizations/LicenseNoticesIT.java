package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.events.ProcessedEvents;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.lambda.FunctionHandler;
import dev.topgun.shared.testing.LambdaApi.User;
import dev.topgun.shared.testing.LocalTable;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Licensing's notices ({@code LicenseGraceStarted}, {@code LicenseExpired}, {@code
 * LimitThresholdCrossed}) delivered to the organizations function's Lambda entry point as
 * EventBridge delivers them, mailed to the organization's owners through maildev, once per event.
 */
class LicenseNoticesIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();
  @RegisterExtension static final MailedApi MAILED = new MailedApi(TABLE);

  static final String CONSUMER = "dev.topgun.organizations.events.LicensingEvents";

  private static Api api;
  private static FunctionHandler handler;
  private static JsonMapper json;
  private static Inbox inbox;

  @BeforeAll
  static void start() {
    api = MAILED.api();
    handler = new FunctionHandler(api.context);
    json = api.context.getBean(JsonMapper.class);
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
    String eventId = Ids.newId();

    // when: EventBridge delivers the fact twice (two events, one envelope eventId)
    Map<String, Object> delivered = invoke(notice("LicenseExpired", eventId, reseller));
    Map<String, Object> again = invoke(notice("LicenseExpired", eventId, reseller));

    // then
    assertThat(outcome(delivered)).isEqualTo("PROCESSED");
    assertThat(outcome(again)).isEqualTo("DUPLICATE");
    for (User owner : List.of(first, second)) {
      List<Inbox.Message> mails = inbox.to(owner.email(), 1);
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
    invoke(notice("LicenseGraceStarted", Ids.newId(), reseller));

    // then
    Inbox.Message grace = inbox.to(owner.email(), 1).get(0);
    assertThat(grace.subject())
        .isEqualTo("Your license is in its grace period until 25 November 2026, 12:00 UTC");
    assertThat(grace.text())
        .contains("The license of Org grace-reseller expired on 11 November 2026, 12:00 UTC")
        .contains("Renew the license before 25 November 2026, 12:00 UTC");
  }

  @Test
  void limitThresholdCrossedFromLicensing_isTheSameNoticeOrganizationsSendsForItsOwnLimits() {
    // given
    String reseller = api.create(Api.OPERATOR, api.root, "servers-reseller", "master_branch");
    User owner = User.named("servers-owner-" + suffix());
    api.addMember(Api.OPERATOR, reseller, owner, "owner");
    String data =
        "{\"organizationId\":\""
            + reseller
            + "\",\"limit\":\"max_servers\",\"percent\":100,\"usage\":20,\"max\":20}";

    // when
    invoke(notice("LimitThresholdCrossed", Ids.newId(), reseller, data));

    // then
    Inbox.Message crossed = inbox.to(owner.email(), 1).get(0);
    assertThat(crossed.subject()).isEqualTo("Your plan's max_servers is at 100 %");
    assertThat(crossed.text())
        .isEqualTo(
            "Your organization uses 20 of its 20 max_servers (100 %). New ones are refused until"
                + " you free some or upgrade your license.\n");
  }

  @Test
  void noOwnerReachable_failsTheDelivery_andLeavesNoRecord_soTheRetryMailsThem()
      throws IOException {
    // given: a second instance of the function whose mail server is down
    String reseller = api.create(Api.OPERATOR, api.root, "down-reseller", "master_branch");
    User owner = User.named("down-owner-" + suffix());
    api.addMember(Api.OPERATOR, reseller, owner, "owner");
    String eventId = Ids.newId();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (Api mailless =
        new Api(
            TABLE,
            Map.of("topgun.mail.smtp-host", "127.0.0.1", "topgun.mail.smtp-port", closedPort))) {
      FunctionHandler down = new FunctionHandler(mailless.context);

      // when
      assertThatThrownBy(() -> invoke(down, notice("LicenseExpired", eventId, reseller)))
          .hasMessageContaining("was mailed to none of the organization's 1 owner(s)");

      // then: not recorded as processed, so the retry (here by the healthy instance) mails
      assertThat(record(eventId)).isEmpty();
    }
    assertThat(outcome(invoke(notice("LicenseExpired", eventId, reseller)))).isEqualTo("PROCESSED");
    assertThat(inbox.to(owner.email(), 1)).hasSize(1);
  }

  // --- helpers ---

  static String notice(String detailType, String eventId, String orgId) {
    return notice(
        detailType,
        eventId,
        orgId,
        "{\"licenseId\":\"01JD2Y5WZZ0000000000000001\",\"organizationId\":\""
            + orgId
            + "\",\"expiresAt\":\"2026-11-11T12:00:00Z\",\"graceEndsAt\":\"2026-11-25T12:00:00Z\"}");
  }

  static String notice(String detailType, String eventId, String orgId, String data) {
    try (InputStream in =
        LicenseNoticesIT.class.getResourceAsStream("/events/eventbridge-licensing-notice.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${id}", UUID.randomUUID().toString())
          .replace("${detailType}", detailType)
          .replace("${eventId}", eventId)
          .replace("${organizationId}", orgId)
          .replace("${data}", data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> invoke(String event) {
    return invoke(handler, event);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> invoke(FunctionHandler target, String event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      target.handleRequest(
          new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
      return json.readValue(out.toByteArray(), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static String outcome(Map<String, Object> answer) {
    List<Map<String, Object>> deliveries = (List<Map<String, Object>>) answer.get("deliveries");
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0)).containsEntry("consumer", CONSUMER);
    return (String) deliveries.get(0).get("outcome");
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
                            AttributeValue.fromS(ProcessedEvents.pk(CONSUMER, eventId)),
                            "SK",
                            AttributeValue.fromS("PROCESSED"))))
        .item();
  }

  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
