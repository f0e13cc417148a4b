package dev.topgun.shared.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.events.EventInProgressException;
import dev.topgun.shared.events.ProcessedEvents;
import dev.topgun.shared.events.ReceivedEvent;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.testing.LocalTable;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every function's Lambda entry point with the payloads Lambda hands it, as bytes: EventBridge
 * events reach the consumer beans exactly once per event id (records in a local table), and API
 * Gateway events still reach the controllers (shared-lib's test controllers).
 */
class FunctionHandlerIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  static ApplicationContext context;
  static FunctionHandler handler;
  static JsonMapper json;
  static TestConsumers.LicenseExpiries expiries;
  static TestConsumers.LicenseRevocations revocations;
  static TestConsumers.Sweep sweep;

  @BeforeAll
  static void start() {
    Map<String, Object> properties = new HashMap<>(TABLE.properties());
    properties.put("test.event-consumers", "true");
    properties.put("topgun.domain", "testing");
    context = ApplicationContext.builder().properties(properties).build();
    handler = new FunctionHandler(context);
    json = context.getBean(JsonMapper.class);
    expiries = context.getBean(TestConsumers.LicenseExpiries.class);
    revocations = context.getBean(TestConsumers.LicenseRevocations.class);
    sweep = context.getBean(TestConsumers.Sweep.class);
  }

  @AfterAll
  static void stop() {
    if (handler != null) {
      handler.close();
    }
  }

  @BeforeEach
  void resetConsumers() {
    expiries.reset();
    revocations.reset();
    sweep.reset();
  }

  @Test
  void eventBridgeEvent_reachesTheConsumerOfItsSourceAndDetailType_withItsFieldsAndData() {
    // given
    String eventId = Ids.newId();

    // when
    Map<String, Object> answer = invoke(licenseExpired("eb-1-" + UUID.randomUUID(), eventId));

    // then
    assertThat(expiries.accepted()).hasSize(1);
    assertThat(revocations.calls()).isZero();
    ReceivedEvent event = expiries.accepted().get(0);
    assertThat(event.id()).startsWith("eb-1-");
    assertThat(event.source()).isEqualTo("topgun.licensing");
    assertThat(event.detailType()).isEqualTo("LicenseExpired");
    assertThat(event.time()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
    assertThat(event.resources())
        .containsExactly("arn:aws:topgun:::license/01JD2Y5WZZ0000000000000001");
    assertThat(event.eventId()).isEqualTo(eventId);
    assertThat(event.correlationId()).contains("01JD2Y5X000000000000000000");
    assertThat(event.data(json, TestConsumers.LicenseData.class))
        .isEqualTo(
            new TestConsumers.LicenseData(
                "01JD2Y5WZZ0000000000000001",
                "01JD2Y5WZZ0000000000000000",
                Instant.parse("2026-11-11T12:00:00Z"),
                Instant.parse("2026-11-25T12:00:00Z")));
    assertThat(answer)
        .containsEntry("eventId", eventId)
        .containsEntry("routedAs", "LicenseExpired")
        .containsEntry(
            "deliveries",
            List.of(Map.of("consumer", expiries.getClass().getName(), "outcome", "PROCESSED")));
  }

  @Test
  void aConsumerThatWidensItsSource_takesTheFactFromEveryDomain_andNoOtherSource() {
    // given
    TestConsumers.AnyDomainThresholds thresholds =
        context.getBean(TestConsumers.AnyDomainThresholds.class);
    thresholds.reset();

    // when: the same kind of fact from two domains, and from a source that is no domain
    Map<String, Object> fromLicensing = invoke(threshold("topgun.licensing"));
    Map<String, Object> fromServers = invoke(threshold("topgun.servers"));
    Map<String, Object> fromElsewhere = invoke(threshold("aws.partner"));

    // then
    assertThat(outcomes(fromLicensing)).containsExactly("PROCESSED");
    assertThat(outcomes(fromServers)).containsExactly("PROCESSED");
    assertThat(outcomes(fromElsewhere)).isEmpty();
    assertThat(thresholds.accepted())
        .extracting(ReceivedEvent::source)
        .containsExactly("topgun.licensing", "topgun.servers");
    assertThat(expiries.calls()).isZero();
  }

  private static String threshold(String source) {
    return licenseExpired("eb-" + UUID.randomUUID(), Ids.newId())
        .replace("\"topgun.licensing\"", "\"" + source + "\"")
        .replace("\"LicenseExpired\"", "\"LimitThresholdCrossed\"");
  }

  @Test
  void apiGatewayEvent_stillAnswersThroughTheControllers() {
    // when
    Map<String, Object> answer = invoke(fixture("api-gateway-post-widget.json"));

    // then
    assertThat(answer).containsEntry("statusCode", 201);
    assertThat((String) answer.get("body")).contains("\"name\":\"spanner\"");
    assertThat(answer.get("multiValueHeaders").toString()).contains("/test/widgets/w-spanner");
    assertThat(expiries.calls()).isZero();
  }

  @Test
  void sameFactDeliveredTwice_isProcessedOnce_andTheSecondDeliveryIsAcknowledged() {
    // given: one fact (envelope eventId) in two EventBridge events, as a publisher's retry makes
    String eventId = Ids.newId();

    // when
    Map<String, Object> first = invoke(licenseExpired("eb-a-" + UUID.randomUUID(), eventId));
    Map<String, Object> second = invoke(licenseExpired("eb-b-" + UUID.randomUUID(), eventId));

    // then
    assertThat(expiries.calls()).isEqualTo(1);
    assertThat(outcomes(first)).containsExactly("PROCESSED");
    assertThat(outcomes(second)).containsExactly("DUPLICATE");
    assertThat(record(expiries, eventId)).containsEntry("state", AttributeValue.fromS("COMPLETED"));
  }

  @Test
  void secondDeliveryWhileTheFirstIsProcessing_failsForARetry_andNeverReachesTheConsumer()
      throws Exception {
    // given: the first delivery is inside accept
    String eventId = Ids.newId();
    expiries.hold();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Map<String, Object>> first =
          pool.submit(() -> invoke(licenseExpired(UUID.randomUUID().toString(), eventId)));
      expiries.awaitEntered();

      // when
      Throwable second =
          catchFailure(() -> invoke(licenseExpired(UUID.randomUUID().toString(), eventId)));
      expiries.open();

      // then: one accept; the second delivery fails (EventBridge/Lambda retries it) ...
      assertThat(second).isInstanceOf(EventInProgressException.class);
      assertThat(outcomes(first.get(30, TimeUnit.SECONDS))).containsExactly("PROCESSED");
      assertThat(expiries.calls()).isEqualTo(1);
      // ... and its retry, after the first completed, is acknowledged without a second accept
      Map<String, Object> retry = invoke(licenseExpired(UUID.randomUUID().toString(), eventId));
      assertThat(outcomes(retry)).containsExactly("DUPLICATE");
      assertThat(expiries.calls()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eightDeliveriesReleasedAtOnce_reachTheConsumerExactlyOnce() throws Exception {
    // given
    String eventId = Ids.newId();
    int deliveries = 8;
    ExecutorService pool = Executors.newFixedThreadPool(deliveries);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<CompletableFuture<Map<String, Object>>> all = new ArrayList<>();
      for (int i = 0; i < deliveries; i++) {
        all.add(
            CompletableFuture.supplyAsync(
                () -> {
                  awaitQuietly(go);
                  return invoke(licenseExpired(UUID.randomUUID().toString(), eventId));
                },
                pool));
      }

      // when
      go.countDown();

      // then: one processed; the others duplicates or sent back for a retry
      List<String> seen = new ArrayList<>();
      for (CompletableFuture<Map<String, Object>> delivery : all) {
        try {
          seen.addAll(outcomes(delivery.get(60, TimeUnit.SECONDS)));
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(EventInProgressException.class);
          seen.add("RETRY");
        }
      }
      assertThat(expiries.calls()).isEqualTo(1);
      assertThat(seen).hasSize(deliveries).containsOnlyOnce("PROCESSED");
      assertThat(seen).isSubsetOf("PROCESSED", "DUPLICATE", "RETRY");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void consumerThatThrows_leavesNoRecord_andTheRetryProcessesTheEvent() {
    // given
    String eventId = Ids.newId();
    expiries.failNext(1);

    // when: the first delivery fails in the consumer
    assertThatThrownBy(() -> invoke(licenseExpired(UUID.randomUUID().toString(), eventId)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("scripted failure");

    // then: nothing says it was processed ...
    assertThat(record(expiries, eventId)).isEmpty();

    // ... so the retry processes it
    Map<String, Object> retry = invoke(licenseExpired(UUID.randomUUID().toString(), eventId));
    assertThat(outcomes(retry)).containsExactly("PROCESSED");
    assertThat(expiries.calls()).isEqualTo(2);
    assertThat(expiries.accepted()).hasSize(1);
    assertThat(record(expiries, eventId)).containsEntry("state", AttributeValue.fromS("COMPLETED"));
  }

  @Test
  void eventNoConsumerTakes_isAcknowledged_withoutARecord() {
    // given
    String eventId = Ids.newId();
    String event =
        licenseExpired(UUID.randomUUID().toString(), eventId)
            .replace("\"LicenseExpired\"", "\"LicenseSuspended\"");

    // when
    Map<String, Object> answer = invoke(event);

    // then
    assertThat(answer).containsEntry("routedAs", "LicenseSuspended");
    assertThat(outcomes(answer)).isEmpty();
    assertThat(expiries.calls() + revocations.calls() + sweep.calls()).isZero();
  }

  @Test
  void scheduledEvent_reachesTheConsumerOfItsScheduleName_asTopgunsRuleOrANamedRuleSendsIt() {
    // when: as Topgun's schedule rules send it (detail.schedule), and as EventBridge's own
    // scheduled event from a rule named like the schedule
    Map<String, Object> fromTopgunRule =
        invoke(
            fixture("eventbridge-scheduled.json").replace("${id}", UUID.randomUUID().toString()));
    Map<String, Object> fromNamedRule =
        invoke(
            fixture("eventbridge-scheduled-native.json")
                .replace("${id}", UUID.randomUUID().toString()));

    // then: each firing is its own event, taken once
    assertThat(fromTopgunRule).containsEntry("routedAs", "test-sweep");
    assertThat(outcomes(fromTopgunRule)).containsExactly("PROCESSED");
    assertThat(outcomes(fromNamedRule)).containsExactly("PROCESSED");
    assertThat(sweep.accepted()).hasSize(2);
    assertThat(sweep.accepted().get(0).scheduleName()).contains("test-sweep");
    assertThat(expiries.calls()).isZero();
  }

  @Test
  void payloadThatIsNeitherEvent_isRefused_andReachesNoConsumer() {
    assertThatThrownBy(() -> invoke("{\"detail\":{},\"source\":\"topgun.licensing\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Neither an API Gateway proxy event");
    assertThat(expiries.calls() + revocations.calls() + sweep.calls()).isZero();
  }

  @Test
  void workflowTask_reachesTheTaskOfItsName_andItsAnswerComesBack() {
    // when
    Map<String, Object> answer = invoke("{\"task\": \"echo\", \"input\": {\"n\": 1}}");
    Map<String, Object> noInput = invoke("{\"task\": \"echo\"}");

    // then
    assertThat(answer).isEqualTo(Map.of("task", "echo", "input", Map.of("n", 1)));
    assertThat(noInput).isEqualTo(Map.of("task", "echo", "input", Map.of()));
    assertThat(expiries.calls() + revocations.calls() + sweep.calls()).isZero();
  }

  @Test
  void workflowTask_ofAnUnknownName_isRefused_andOneThatThrows_failsTheInvocation() {
    assertThatThrownBy(() -> invoke("{\"task\": \"nope\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No workflow task 'nope'")
        .hasMessageContaining("[echo]");
    assertThatThrownBy(() -> invoke("{\"task\": \"echo\", \"input\": {\"fail\": true}}"))
        .isInstanceOf(IllegalStateException.class);
  }

  // --- helpers ---

  static String licenseExpired(String id, String eventId) {
    return fixture("eventbridge-license-expired.json")
        .replace("${id}", id)
        .replace("${eventId}", eventId);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> invoke(String payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(
          new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
      return json.readValue(out.toByteArray(), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> outcomes(Map<String, Object> answer) {
    List<String> outcomes = new ArrayList<>();
    for (Object delivery : (List<Object>) answer.get("deliveries")) {
      outcomes.add((String) ((Map<String, Object>) delivery).get("outcome"));
    }
    return outcomes;
  }

  static Map<String, AttributeValue> record(TestConsumers.Scripted consumer, String eventId) {
    return TABLE
        .client()
        .getItem(
            r ->
                r.tableName(TABLE.name())
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "PK",
                            AttributeValue.fromS(
                                ProcessedEvents.pk(consumer.getClass().getName(), eventId)),
                            "SK",
                            AttributeValue.fromS("PROCESSED"))))
        .item();
  }

  static String fixture(String name) {
    try (InputStream in = FunctionHandlerIT.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Throwable catchFailure(Runnable call) {
    try {
      call.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
