package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.emulators.Json;
import dev.topgun.local.RuntimeClient.Answer;
import dev.topgun.local.RuntimeClient.User;
import dev.topgun.shared.events.OutboundEvent;
import dev.topgun.shared.events.Outbox;
import dev.topgun.shared.events.OutboxItem;
import dev.topgun.shared.routes.EventRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The organizations function's flows through the local runtime, as the web app makes them: over
 * HTTP to the runtime's port with real cognito-local ID tokens (the operator the runtime seeds, and
 * users who sign up here), through the route table and the Cognito authorizer, with the invitation
 * mailed to maildev and every event written to the outbox of its change's transaction and put on
 * the bus by the relay (a rule sends the function's events to a recording target); licensing's
 * notices put on the runtime's EventBridge reach the function's consumer (mailed once however often
 * they are put), and a schedule fires the function.
 */
class OrganizationsFlowIT {

  static final String EVENTS = "organization-events";
  static final String SWEEP = "flow-sweep";
  static final Duration DELIVERY = Duration.ofSeconds(20);
  static final Pattern ACCEPT_LINK = Pattern.compile("/invitations/([A-Za-z0-9_-]+)");

  @TempDir static Path data;

  static RecordingInvoker recorder;
  static LocalRuntime runtime;
  static RuntimeClient client;
  static EventBridgeClient eventBridge;
  static DynamoDbClient dynamoDb;
  static String operator;
  static String root;

  @BeforeAll
  static void start() {
    // The declared rules (licensing's notices go to organizations) and stream subscriptions (the
    // outbox relay), one rule more that sends the function's events to a recording target, and
    // one schedule of the function, fired every 2 s.
    List<EventRules.Rule> rules = new ArrayList<>(EventRules.load().rules());
    rules.add(
        new EventRules.Rule(
            "test-organization-events",
            Map.of("source", List.of("topgun.organizations")),
            List.of(EVENTS)));
    EventRules declared =
        EventRules.of(
                rules, List.of(new EventRules.Schedule(SWEEP, "rate(15 minutes)", "organizations")))
            .withStreams(EventRules.load().streams());
    runtime =
        LocalRuntime.start(
            LocalConfig.defaults()
                .withFreePorts()
                .withDataDir(data)
                .withRules(declared)
                .withSchedulePeriod(Duration.ofSeconds(2))
                .withInvoker(
                    functions -> recorder = new RecordingInvoker(functions, Set.of(EVENTS))));
    client = new RuntimeClient(runtime);
    eventBridge = SdkClients.of(EventBridgeClient.builder(), runtime.endpoint());
    dynamoDb = SdkClients.of(DynamoDbClient.builder(), runtime.dynamoDbEndpoint());
    operator = client.operatorToken();
    root = runtime.rootOrganizationId();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (eventBridge != null) {
      eventBridge.close();
    }
    if (dynamoDb != null) {
      dynamoDb.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void operatorSignsIn_andOwnsTheSeededRoot() throws Exception {
    // when
    Answer mine = call(operator, "GET", "/v1/me/organizations", null);

    // then
    assertThat(mine.status()).as(mine.raw()).isEqualTo(200);
    JsonNode items = mine.body().path("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("organization").path("id").asText()).isEqualTo(root);
    assertThat(items.get(0).path("organization").path("hierarchyType").asText())
        .isEqualTo("top_branch");
    assertThat(items.get(0).path("role").asText()).isEqualTo("owner");
    assertThat(texts(items.get(0).path("permissions")))
        .contains("organizations:write", "owners:write");
  }

  @Test
  void signUp_thenTheFirstCallCreatesTheProfile_andLaterCallsReadIt() throws Exception {
    // given
    User user = signUp("first-call");

    // when
    Answer first = call(user.token(), "GET", "/v1/me", null);
    Answer second = call(user.token(), "GET", "/v1/me", null);

    // then
    assertThat(first.status()).as(first.raw()).isEqualTo(200);
    assertThat(first.body().path("id").asText()).isEqualTo(user.sub());
    assertThat(first.body().path("email").asText()).isEqualTo(user.email());
    assertThat(first.body().path("emailVerified").asBoolean()).isTrue();
    assertThat(first.body().path("createdAt").asText()).isNotBlank();
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().path("createdAt").asText())
        .isEqualTo(first.body().path("createdAt").asText());
    assertThat(call(user.token(), "GET", "/v1/me/organizations", null).body().path("items"))
        .isEmpty();
  }

  @Test
  void invitation_isMailed_acceptedOnce_thenTheOperatorChangesTheRole() throws Exception {
    // given: a signed-up user and a reseller they have no relationship to
    User invitee = signUp("invitee");
    assertThat(call(invitee.token(), "GET", "/v1/me", null).status()).isEqualTo(200);
    String reseller = createChild(operator, root, "inv-reseller", "master_branch");
    assertThat(call(invitee.token(), "GET", "/v1/organizations/" + reseller, null).status())
        .isEqualTo(404);

    // when: the operator invites them as admin
    Answer invited =
        call(
            operator,
            "POST",
            "/v1/organizations/" + reseller + "/invitations",
            "{\"email\":\"" + invitee.email() + "\",\"role\":\"admin\"}");

    // then: 201 without the token, and one e-mail to them with the accept link
    assertThat(invited.status()).as(invited.raw()).isEqualTo(201);
    assertThat(invited.raw()).doesNotContain("token");
    JsonNode mail = awaitMailTo(invitee.email());
    assertThat(mail.path("subject").asText()).contains("Org inv-reseller");
    Matcher link = ACCEPT_LINK.matcher(mail.path("text").asText());
    assertThat(link.find()).as(mail.path("text").asText()).isTrue();
    String token = link.group(1);

    // when: the invitee accepts, twice
    Answer accepted = call(invitee.token(), "POST", "/v1/invitations/" + token + "/accept", null);
    Answer again = call(invitee.token(), "POST", "/v1/invitations/" + token + "/accept", null);

    // then: a member as admin once; the used token is a conflict
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
    assertThat(accepted.body().path("organization").path("id").asText()).isEqualTo(reseller);
    assertThat(accepted.body().path("role").asText()).isEqualTo("admin");
    assertThat(texts(accepted.body().path("permissions"))).contains("organizations:write");
    assertThat(again.status()).as(again.raw()).isEqualTo(409);
    assertThat(call(invitee.token(), "GET", "/v1/organizations/" + reseller, null).status())
        .isEqualTo(200);
    // as admin they may create below the reseller, and see what is there
    String sub = createChild(invitee.token(), reseller, "inv-sub", "sub_user");
    assertThat(call(invitee.token(), "GET", "/v1/organizations/" + sub, null).status())
        .isEqualTo(200);

    // when: the operator makes them a member
    Answer changed =
        call(
            operator,
            "PATCH",
            "/v1/organizations/" + reseller + "/members/" + invitee.sub(),
            "{\"role\":\"member\"}");

    // then: they still see the reseller, but no longer what is below it, nor may create there
    assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    assertThat(changed.body().path("role").asText()).isEqualTo("member");
    Answer members = call(operator, "GET", "/v1/organizations/" + reseller + "/members", null);
    assertThat(members.body().path("items"))
        .anySatisfy(
            m -> {
              assertThat(m.path("userId").asText()).isEqualTo(invitee.sub());
              assertThat(m.path("role").asText()).isEqualTo("member");
            });
    assertThat(call(invitee.token(), "GET", "/v1/organizations/" + reseller, null).status())
        .isEqualTo(200);
    // a member's role does not reach below the organization, as an admin's did
    assertThat(call(invitee.token(), "GET", "/v1/organizations/" + sub, null).status())
        .isEqualTo(404);
    Answer refused =
        call(
            invitee.token(),
            "POST",
            "/v1/organizations/" + reseller + "/children",
            childBody("inv-sub-2", "sub_user"));
    assertThat(refused.status()).as(refused.raw()).isEqualTo(403);

    // and: each step is audited on the reseller and its event is in the reseller's outbox
    assertThat(auditActions(reseller))
        .contains("invitation.created", "member.added", "member.changed", "organization.created");
    assertOutboxed(reseller, "InvitationCreated", invitee.email());
    assertOutboxed(reseller, "MemberAdded", invitee.sub());
    assertOutboxed(reseller, "MemberUpdated", invitee.sub());
  }

  @Test
  void move_rewritesAncestors_thenCascadeDelete_andRestore_takeTheSubtreeAndBringItBack()
      throws Exception {
    // given: reseller A > sub_user > end_user, and an empty reseller B
    String resellerA = createChild(operator, root, "flow-a", "master_branch");
    String sub = createChild(operator, resellerA, "flow-a-sub", "sub_user");
    String endUser = createChild(operator, sub, "flow-a-end", "end_user");
    String resellerB = createChild(operator, root, "flow-b", "master_branch");
    assertThat(ids(call(operator, "GET", "/v1/organizations/" + endUser + "/ancestors", null)))
        .containsExactly(sub, resellerA, root);

    // when: the sub_user moves to reseller B
    Answer moved =
        call(
            operator,
            "POST",
            "/v1/organizations/" + sub + "/move",
            "{\"newParentId\":\"" + resellerB + "\"}");

    // then: its subtree's ancestors and the resellers' descendants follow
    assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
    assertThat(moved.body().path("parentId").asText()).isEqualTo(resellerB);
    assertThat(ids(call(operator, "GET", "/v1/organizations/" + endUser + "/ancestors", null)))
        .containsExactly(sub, resellerB, root);
    assertThat(ids(call(operator, "GET", "/v1/organizations/" + sub + "/ancestors", null)))
        .containsExactly(resellerB, root);
    assertThat(ids(call(operator, "GET", "/v1/organizations/" + resellerB + "/descendants", null)))
        .containsExactlyInAnyOrder(sub, endUser);
    assertThat(ids(call(operator, "GET", "/v1/organizations/" + resellerA + "/descendants", null)))
        .isEmpty();

    // when: reseller B is deleted without cascade, then with it
    Answer refused = call(operator, "DELETE", "/v1/organizations/" + resellerB, null);
    Answer deleted =
        call(operator, "DELETE", "/v1/organizations/" + resellerB + "?cascade=true", null);

    // then: refused while it has an active child; then the whole subtree is gone
    assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
    assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
    assertThat(deleted.body().path("status").asText()).isEqualTo("inactive");
    for (String id : List.of(resellerB, sub, endUser)) {
      assertThat(call(operator, "GET", "/v1/organizations/" + id, null).status())
          .as(id)
          .isEqualTo(404);
    }
    assertThat(statusesBelowRoot())
        .containsEntry(sub, "inactive")
        .containsEntry(endUser, "inactive");

    // when: reseller B is restored
    Answer restored = call(operator, "POST", "/v1/organizations/" + resellerB + "/restore", null);

    // then: the subtree is back, where it was moved to
    assertThat(restored.status()).as(restored.raw()).isEqualTo(200);
    assertThat(restored.body().path("status").asText()).isEqualTo("active");
    for (String id : List.of(resellerB, sub, endUser)) {
      Answer back = call(operator, "GET", "/v1/organizations/" + id, null);
      assertThat(back.status()).as(id).isEqualTo(200);
      assertThat(back.body().path("status").asText()).isEqualTo("active");
    }
    assertThat(ids(call(operator, "GET", "/v1/organizations/" + endUser + "/ancestors", null)))
        .containsExactly(sub, resellerB, root);

    // and: audited where it happened, its events in the outbox
    assertThat(auditActions(sub)).contains("organization.moved");
    assertThat(auditActions(resellerA)).contains("organization.moved_out");
    assertThat(auditActions(resellerB))
        .contains("organization.moved_in", "organization.deleted", "organization.restored");
    assertThat(auditActions(root)).contains("organization.created", "organization.child_deleted");
    assertOutboxed(endUser, "OrganizationCreated", sub);
    assertOutboxed(sub, "OrganizationMoved", resellerB);
    assertOutboxed(resellerB, "OrganizationDeleted", "inactive");
    assertOutboxed(resellerB, "OrganizationRestored", "active");
  }

  @Test
  void licenseExpiredPutTwiceWithOneEventId_mailsTheOwnerOnce() throws Exception {
    // given: a reseller whose owner signed up
    User owner = signUp("license-owner");
    assertThat(call(owner.token(), "GET", "/v1/me", null).status()).isEqualTo(200);
    String reseller = createChild(operator, root, "lic-reseller", "master_branch");
    Answer added =
        call(
            operator,
            "POST",
            "/v1/organizations/" + reseller + "/members",
            "{\"userId\":\"" + owner.sub() + "\",\"role\":\"owner\"}");
    assertThat(added.status()).as(added.raw()).isEqualTo(201);
    String eventId = UUID.randomUUID().toString();
    String detail =
        "{\"version\":1,\"eventId\":\""
            + eventId
            + "\",\"occurredAt\":\"2026-11-25T12:00:00.000Z\",\"organizationId\":\""
            + reseller
            + "\",\"data\":{\"licenseId\":\"01JD2Y5WZZ0000000000000001\",\"organizationId\":\""
            + reseller
            + "\",\"expiresAt\":\"2026-11-11T12:00:00Z\",\"graceEndsAt\":\"2026-11-25T12:00:00Z\"}}";

    // when: licensing's fact is put on the bus twice (a publisher's retry), the same envelope
    for (int i = 0; i < 2; i++) {
      var put =
          eventBridge.putEvents(
              r ->
                  r.entries(
                      e ->
                          e.eventBusName(runtime.config().eventBus())
                              .source("topgun.licensing")
                              .detailType("LicenseExpired")
                              .detail(detail)));
      assertThat(put.failedEntryCount()).isZero();
    }

    // then: both deliveries reached the function, and one of them processed the event ...
    List<RecordingInvoker.Completed> deliveries =
        recorder.awaitCompleted(
            c -> c.function().equals("organizations") && c.payload().contains(eventId),
            2,
            DELIVERY);
    assertThat(deliveries).hasSize(2);
    assertThat(deliveries)
        .filteredOn(c -> !c.result().failed() && c.result().payloadText().contains("PROCESSED"))
        .hasSize(1);
    // ... so the owner has exactly one mail
    JsonNode mail = awaitMailTo(owner.email());
    assertThat(mail.path("subject").asText()).isEqualTo("Your license has expired");
    assertThat(mail.path("text").asText()).contains("The license of Org lic-reseller");
  }

  @Test
  void schedule_firesItsFunction_withTheScheduledEvent_andTheFunctionAnswersIt() throws Exception {
    // when: the runtime fires flow-sweep (every 2 s here)
    List<RecordingInvoker.Completed> fired =
        recorder.awaitCompleted(
            c -> c.function().equals("organizations") && c.payload().contains(SWEEP), 1, DELIVERY);

    // then: the scheduled event, routed by the schedule's name (organizations has no consumer of
    // it, so it is acknowledged with no delivery)
    assertThat(fired).isNotEmpty();
    JsonNode event = Json.parse(fired.get(0).payload().getBytes(StandardCharsets.UTF_8));
    assertThat(event.path("source").asText()).isEqualTo("aws.events");
    assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(event.path("detail").path("schedule").asText()).isEqualTo(SWEEP);
    assertThat(fired.get(0).result().failed()).as(fired.get(0).result().payloadText()).isFalse();
    JsonNode answer = Json.parse(fired.get(0).result().payload());
    assertThat(answer.path("routedAs").asText()).isEqualTo(SWEEP);
    assertThat(answer.path("deliveries")).isEmpty();
  }

  static User signUp(String name) {
    return client.signUp(name);
  }

  static String createChild(String token, String parent, String slug, String type)
      throws Exception {
    return client.createChild(token, parent, slug, type);
  }

  static String childBody(String slug, String type) {
    return RuntimeClient.childBody(slug, type);
  }

  static Answer call(String token, String method, String path, String body)
      throws IOException, InterruptedException {
    return client.call(token, method, path, body);
  }

  static List<String> ids(Answer list) {
    assertThat(list.status()).as(list.raw()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    list.body().path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  /** Every organization below the root with its status as the descendants list shows it. */
  static Map<String, String> statusesBelowRoot() throws Exception {
    Map<String, String> statuses = new java.util.HashMap<>();
    String cursor = null;
    do {
      String path = "/v1/organizations/" + root + "/descendants?limit=100";
      if (cursor != null) {
        path += "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8);
      }
      Answer page = call(operator, "GET", path, null);
      assertThat(page.status()).as(page.raw()).isEqualTo(200);
      page.body()
          .path("items")
          .forEach(i -> statuses.put(i.path("id").asText(), i.path("status").asText()));
      cursor =
          page.body().path("nextCursor").isTextual()
              ? page.body().path("nextCursor").asText()
              : null;
    } while (cursor != null);
    return statuses;
  }

  static List<String> auditActions(String orgId) throws Exception {
    Answer audit = call(operator, "GET", "/v1/organizations/" + orgId + "/audit?limit=100", null);
    assertThat(audit.status()).as(audit.raw()).isEqualTo(200);
    List<String> actions = new ArrayList<>();
    audit.body().path("items").forEach(entry -> actions.add(entry.path("action").asText()));
    return actions;
  }

  /**
   * The event of {@code detailType} mentioning {@code subject} in the outbox of {@code orgId}: one
   * Query of its outbox partition, no wait, since the event was written in the change's own
   * transaction. (The relay from the table's stream to the bus is not in the runtime yet.)
   */
  /**
   * The change's event is in the outbox of its transaction, and the relay has put it on the bus:
   * the recording target was delivered that very event (its envelope id).
   */
  static void assertOutboxed(String orgId, String detailType, String subject) throws Exception {
    List<OutboundEvent> events = new ArrayList<>();
    dynamoDb
        .queryPaginator(
            r ->
                r.tableName(runtime.config().table())
                    .consistentRead(true)
                    .keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(
                        Map.of(":pk", AttributeValue.fromS(OutboxItem.partition(orgId)))))
        .items()
        .forEach(item -> events.add(Outbox.fromItem(OutboxItem.SCHEMA.mapToItem(item))));
    List<OutboundEvent> matching =
        events.stream()
            .filter(e -> e.detailType().equals(detailType) && e.detail().contains(subject))
            .toList();
    assertThat(matching)
        .as("%s about %s in the outbox of %s", detailType, subject, orgId)
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.source()).isEqualTo("topgun.organizations");
              assertThat(e.organizationId()).isEqualTo(orgId);
            });
    String eventId = matching.get(0).eventId();
    assertThat(
            recorder.await(
                c -> c.function().equals(EVENTS) && c.payload().contains(eventId), DELIVERY))
        .as("%s %s delivered from the bus", detailType, eventId)
        .isPresent();
  }

  static JsonNode awaitMailTo(String address) throws Exception {
    return client.awaitMailTo(address, DELIVERY);
  }
}
