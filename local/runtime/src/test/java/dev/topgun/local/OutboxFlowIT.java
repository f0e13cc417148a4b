package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.emulators.Json;
import dev.topgun.local.RuntimeClient.Answer;
import dev.topgun.local.RuntimeClient.User;
import dev.topgun.shared.routes.EventRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Events are never lost: every change's event is an outbox item of its own transaction, the relay
 * (platform, fed by the table's stream) publishes each at least once in the order of the
 * organization's changes, and consumers take each exactly once. Observed on the bus (a rule sends
 * organizations' events to a recording target, which sees every delivery, duplicates included) and
 * at a real consumer: platform's push to a subscribed console, which takes each event once.
 */
class OutboxFlowIT {

  static final String PROBE = "outbox-probe";
  static final Duration DELIVERY = Duration.ofSeconds(60);

  @TempDir Path data;

  /** A runtime whose bus also delivers organizations' events to the recording probe. */
  LocalRuntime start(RecordingInvoker[] recorder) {
    List<EventRules.Rule> rules = new ArrayList<>(EventRules.load().rules());
    rules.add(
        new EventRules.Rule(
            "test-outbox-probe",
            Map.of("source", List.of("topgun.organizations")),
            List.of(PROBE)));
    EventRules declared =
        EventRules.of(rules, EventRules.load().schedules())
            .withStreams(EventRules.load().streams());
    return LocalRuntime.start(
        LocalConfig.defaults()
            .withFreePorts()
            .withDataDir(data)
            .withRules(declared)
            .withInvoker(
                functions -> recorder[0] = new RecordingInvoker(functions, Set.of(PROBE))));
  }

  /** The envelope ids of the OrganizationUpdated events of {@code org} the probe was delivered. */
  static List<String> probed(RecordingInvoker recorder, String org) {
    List<String> ids = new ArrayList<>();
    for (RecordingInvoker.Call call : recorder.calls(c -> c.function().equals(PROBE))) {
      JsonNode event = parse(call.payload());
      if (event.path("detail-type").asText().equals("OrganizationUpdated")
          && event.path("detail").path("organizationId").asText().equals(org)) {
        ids.add(event.path("detail").path("eventId").asText());
      }
    }
    return ids;
  }

  /** The OrganizationUpdated events of {@code org} in its outbox, in the order they committed. */
  static List<String> outbox(LocalRuntime runtime, String org) {
    try (DynamoDbClient dynamo =
        SdkClients.of(DynamoDbClient.builder(), runtime.dynamoDbEndpoint())) {
      List<String> ids = new ArrayList<>();
      dynamo
          .queryPaginator(
              r ->
                  r.tableName(runtime.config().table())
                      .keyConditionExpression("PK = :pk")
                      .expressionAttributeValues(
                          Map.of(":pk", AttributeValue.fromS("ORG#" + org + "#OUTBOX")))
                      .consistentRead(true))
          .items()
          .forEach(
              item -> {
                if (item.get("detailType").s().equals("OrganizationUpdated")) {
                  ids.add(item.get("eventId").s());
                }
              });
      return ids;
    }
  }

  static JsonNode parse(String json) {
    try {
      return Json.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static void rename(RuntimeClient client, String operator, String org, int times)
      throws Exception {
    for (int i = 0; i < times; i++) {
      Answer renamed =
          client.call(
              operator, "PATCH", "/v1/organizations/" + org, "{\"name\":\"Name " + i + "\"}");
      assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
    }
  }

  /** An organization with a member whose console is subscribed to it. */
  record Subscribed(String org, RealtimeClient live) {}

  static Subscribed subscribed(LocalRuntime runtime, RuntimeClient client, String operator)
      throws Exception {
    User member = client.signUp("outbox-member");
    String org = client.organizationWith(operator, runtime.rootOrganizationId(), member, "member");
    RealtimeClient live = RealtimeClient.connect(runtime, member.token());
    live.subscribe(org);
    live.await(m -> m.path("type").asText().equals("subscribed"), DELIVERY);
    return new Subscribed(org, live);
  }

  static List<String> pushed(RealtimeClient live, String org, int count) throws Exception {
    return live
        .awaitCount(
            m ->
                m.path("type").asText().equals("event")
                    && m.path("eventType").asText().equals("OrganizationUpdated")
                    && m.path("organizationId").asText().equals(org),
            count,
            DELIVERY)
        .stream()
        .map(r -> r.message().path("eventId").asText())
        .toList();
  }

  @Test
  void changesCommittedWhileTheBusRefusesEvents_arriveOnceEach_inOrder_whenItTakesThemAgain()
      throws Exception {
    RecordingInvoker[] recorder = new RecordingInvoker[1];
    try (LocalRuntime runtime = start(recorder);
        RuntimeClient client = new RuntimeClient(runtime)) {
      // given
      String operator = client.operatorToken();
      Subscribed subscribed = subscribed(runtime, client, operator);
      runtime.bus().setRefusing(true);

      // when: ten changes commit while PutEvents takes nothing
      rename(client, operator, subscribed.org(), 10);
      List<String> committed = outbox(runtime, subscribed.org());
      assertThat(committed).hasSize(10);
      assertThat(probed(recorder[0], subscribed.org())).isEmpty();
      runtime.bus().setRefusing(false);

      // then: each reaches the bus, in commit order, and the consumer once, in order
      List<String> pushed = pushed(subscribed.live(), subscribed.org(), 10);
      assertThat(pushed).containsExactlyElementsOf(committed);
      assertThat(new LinkedHashSet<>(probed(recorder[0], subscribed.org())))
          .containsExactlyElementsOf(committed);
      subscribed.live().close();
    }
  }

  @Test
  void aRelayThatDiesAfterPublishing_publishesAgain_andTheConsumerStillTakesEachEventOnce()
      throws Exception {
    RecordingInvoker[] recorder = new RecordingInvoker[1];
    try (LocalRuntime runtime = start(recorder);
        RuntimeClient client = new RuntimeClient(runtime)) {
      // given: the relay's next two batches are published but not acknowledged, as if the
      // function died between PutEvents and its answer
      String operator = client.operatorToken();
      Subscribed subscribed = subscribed(runtime, client, operator);
      runtime.stream("outbox-relay").loseAcknowledgements(2);

      // when
      rename(client, operator, subscribed.org(), 6);

      // then: the bus saw some events more than once; the consumer took each once, in order
      List<String> committed = outbox(runtime, subscribed.org());
      List<String> pushed = pushed(subscribed.live(), subscribed.org(), 6);
      assertThat(pushed).containsExactlyElementsOf(committed);
      client.await(
          "the redelivered batches on the bus",
          DELIVERY,
          () -> probed(recorder[0], subscribed.org()).size() > committed.size());
      assertThat(new LinkedHashSet<>(probed(recorder[0], subscribed.org())))
          .containsExactlyElementsOf(committed);
      subscribed.live().close();
    }
  }

  @Test
  void changesCommittedJustBeforeTheRuntimeStops_arePublishedWhenItStartsAgain() throws Exception {
    // given: changes commit, and the runtime (every function, the relay with them) stops before
    // any of their events was published
    RecordingInvoker[] first = new RecordingInvoker[1];
    String org;
    List<String> committed;
    try (LocalRuntime runtime = start(first);
        RuntimeClient client = new RuntimeClient(runtime)) {
      String operator = client.operatorToken();
      runtime.bus().setRefusing(true);
      org = client.createChild(operator, runtime.rootOrganizationId(), "crash", "master_branch");
      rename(client, operator, org, 4);
      committed = outbox(runtime, org);
      assertThat(committed).hasSize(4);
    }
    assertThat(probed(first[0], org)).isEmpty();

    // when
    RecordingInvoker[] second = new RecordingInvoker[1];
    try (LocalRuntime runtime = start(second);
        RuntimeClient client = new RuntimeClient(runtime)) {

      // then
      client.await(
          "the committed events on the bus after the restart",
          DELIVERY,
          () -> new LinkedHashSet<>(probed(second[0], org)).size() == committed.size());
      assertThat(new LinkedHashSet<>(probed(second[0], org))).containsExactlyElementsOf(committed);
    }
  }
}
