package dev.topgun.shared.http.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.http.Correlation;
import dev.topgun.shared.http.LambdaTransport;
import dev.topgun.shared.http.Transport;
import dev.topgun.shared.http.Transport.Call;
import dev.topgun.shared.http.Transport.Reply;
import dev.topgun.shared.http.Transports;
import dev.topgun.shared.http.testapp.Executions;
import dev.topgun.shared.store.TopgunTable;
import dev.topgun.shared.testing.LocalTable;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Idempotency-Key against the local DynamoDB, on the HTTP server and behind the Lambda handler.
 * Each Lambda case has a second function instance on the same table as its peer, as two Lambda
 * execution environments would be.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private final Map<Transport, Transport> peers = new HashMap<>();
  private final List<Transport> tested = new ArrayList<>();
  private final List<Transport> all = new ArrayList<>();
  private ExecutorService threads;
  private JsonMapper json;

  @BeforeAll
  void start() {
    Map<String, Object> properties = new HashMap<>(TABLE.properties());
    properties.put("topgun.domain", "test");
    for (Transport transport : Transports.start(properties)) {
      // Two Lambda execution environments share the table; one HTTP server serves concurrently.
      Transport peer =
          transport instanceof LambdaTransport ? new LambdaTransport(properties) : transport;
      peers.put(transport, peer);
      tested.add(transport);
      all.add(transport);
      if (peer != transport) {
        all.add(peer);
      }
    }
    json = tested.get(0).context().getBean(JsonMapper.class);
    threads = Executors.newCachedThreadPool();
  }

  @AfterAll
  void stop() {
    threads.shutdownNow();
    all.forEach(Transport::close);
  }

  Stream<Transport> transports() {
    return tested.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aRetryReplaysTheFirstResponseWithoutRunningAgain(Transport transport) {
    // given
    String name = unique("replay");
    Call call = create(name).header(IdempotencyFilter.HEADER, UUID.randomUUID().toString());
    Reply first = transport.send(call.header(Correlation.HEADER, "first-" + name));

    // when
    Reply retry = transport.send(call.header(Correlation.HEADER, "retry-" + name));

    // then
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header(IdempotencyFilter.REPLAYED_HEADER)).isEmpty();
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header(IdempotencyFilter.REPLAYED_HEADER)).contains("true");
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.header("Location")).isEqualTo(first.header("Location")).isPresent();
    assertThat(retry.header("X-Widget-Execution")).contains("1");
    assertThat(retry.header(Correlation.HEADER)).contains("retry-" + name);
    assertThat(executions(transport, name)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void theSameKeyWithADifferentBodyIsA422(Transport transport) {
    // given
    String name = unique("mismatch");
    String key = UUID.randomUUID().toString();
    transport.send(create(name).header(IdempotencyFilter.HEADER, key));

    // when
    Reply reply =
        transport.send(
            Call.json("POST", "/test/widgets", "{\"name\": \"" + name + "\", \"quantity\": 2}")
                .header(IdempotencyFilter.HEADER, key));

    // then
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.contentType())
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(reply.json(json))
        .containsEntry("type", "https://topgun.dev/problems/idempotency-key-reused");
    assertThat(executions(transport, name)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aDuplicateWhileTheFirstRunsIsA409AndTheFirstStillCompletes(Transport transport)
      throws Exception {
    // given
    String name = unique("inflight");
    Call call = create(name).header(IdempotencyFilter.HEADER, UUID.randomUUID().toString());
    executions(transport).hold(name);
    CompletableFuture<Reply> first =
        CompletableFuture.supplyAsync(() -> transport.send(call), threads);
    assertThat(executions(transport).awaitEntered(name, 30)).isTrue();

    // when
    Reply duplicate = peers.get(transport).send(call);
    executions(transport).release(name);

    // then
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.json(json))
        .containsEntry("type", "https://topgun.dev/problems/idempotency-in-progress");
    assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
    assertThat(peers.get(transport).send(call).header(IdempotencyFilter.REPLAYED_HEADER))
        .contains("true");
    assertThat(executions(transport, name)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void ofManySimultaneousDuplicatesExactlyOneRuns(Transport transport) throws Exception {
    // given
    String name = unique("race");
    Call call = create(name).header(IdempotencyFilter.HEADER, UUID.randomUUID().toString());
    int senders = 6;
    CyclicBarrier start = new CyclicBarrier(senders);
    List<CompletableFuture<Reply>> replies = new ArrayList<>();

    // when
    for (int i = 0; i < senders; i++) {
      Transport via = i % 2 == 0 ? transport : peers.get(transport);
      replies.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                return via.send(call);
              },
              threads));
    }
    List<Reply> answered = new ArrayList<>();
    for (CompletableFuture<Reply> reply : replies) {
      answered.add(reply.get(60, TimeUnit.SECONDS));
    }

    // then
    assertThat(executions(transport, name)).isEqualTo(1);
    assertThat(answered)
        .filteredOn(r -> r.status() == 201 && r.header(IdempotencyFilter.REPLAYED_HEADER).isEmpty())
        .hasSize(1);
    assertThat(answered)
        .allSatisfy(
            r ->
                assertThat(
                        r.status() == 409
                            || (r.status() == 201
                                && r.header("X-Widget-Execution")
                                    .equals(java.util.Optional.of("1"))))
                    .as("status %s body %s", r.status(), r.body())
                    .isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void theRecordIsKeptFor24HoursWithItsFingerprint(Transport transport) {
    // given
    String name = unique("ttl");
    String key = UUID.randomUUID().toString();
    Instant before = Instant.now();

    // when
    transport.send(create(name).header(IdempotencyFilter.HEADER, key));

    // then
    Map<String, AttributeValue> item =
        record(IdempotencyFilter.scope("anonymous", "POST", "/test/widgets"), key);
    long ttl = Long.parseLong(item.get(TopgunTable.TTL).n());
    assertThat(ttl)
        .isBetween(
            before.plus(Duration.ofHours(24)).getEpochSecond() - 5,
            Instant.now().plus(Duration.ofHours(24)).getEpochSecond() + 5);
    assertThat(item.get("state").s()).isEqualTo("COMPLETED");
    assertThat(item.get("status").n()).isEqualTo("201");
    assertThat(item.get("fingerprint").s()).matches("[0-9a-f]{64}");
    assertThat(item.get(TopgunTable.TYPE).s()).isEqualTo("Idempotency");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aServerErrorReleasesTheKeySoTheRetryRuns(Transport transport) {
    // given
    String name = unique("flaky");
    Call call =
        Call.json("POST", "/test/widgets/flaky", "{\"name\": \"" + name + "\", \"quantity\": 1}")
            .header(IdempotencyFilter.HEADER, UUID.randomUUID().toString());
    Reply failed = transport.send(call);

    // when
    Reply retried = transport.send(call);

    // then
    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.json(json))
        .containsEntry("type", "https://topgun.dev/problems/service-unavailable");
    assertThat(retried.status()).isEqualTo(201);
    assertThat(retried.header(IdempotencyFilter.REPLAYED_HEADER)).isEmpty();
    assertThat(executions(transport, name)).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aClientErrorIsKeptAndReplayed(Transport transport) {
    // given
    String key = UUID.randomUUID().toString();
    Call call =
        Call.json("POST", "/test/widgets", "{\"name\": \"\", \"quantity\": 1}")
            .header(IdempotencyFilter.HEADER, key);
    Reply first = transport.send(call);

    // when
    Reply retry = transport.send(call);

    // then
    assertThat(first.status()).isEqualTo(400);
    assertThat(retry.status()).isEqualTo(400);
    assertThat(retry.header(IdempotencyFilter.REPLAYED_HEADER)).contains("true");
    assertThat(retry.contentType())
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(retry.body()).isEqualTo(first.body());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void twoCallersMayUseTheSameKey(Transport transport) {
    // given
    String name = unique("callers");
    String key = UUID.randomUUID().toString();

    // when
    Reply alice =
        transport.send(
            create(name)
                .header(IdempotencyFilter.HEADER, key)
                .header("Authorization", "Bearer alice-token-123"));
    Reply bob =
        transport.send(
            create(name)
                .header(IdempotencyFilter.HEADER, key)
                .header("Authorization", "Bearer bob-token-4567"));

    // then
    assertThat(alice.header(IdempotencyFilter.REPLAYED_HEADER)).isEmpty();
    assertThat(bob.header(IdempotencyFilter.REPLAYED_HEADER)).isEmpty();
    assertThat(executions(transport, name)).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void anOverlongKeyIsA400(Transport transport) {
    // when
    Reply reply =
        transport.send(create(unique("long")).header(IdempotencyFilter.HEADER, "k".repeat(256)));

    // then
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json(json))
        .containsEntry("type", "https://topgun.dev/problems/idempotency-key-invalid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void anAbandonedClaimIsTakenOverAfterItsLockTimesOut(Transport transport) {
    // given: a request that claimed the key and died without completing or releasing it
    String name = unique("abandoned");
    String key = UUID.randomUUID().toString();
    Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(
        TopgunTable.PK,
        AttributeValue.fromS(
            "IDEMPOTENCY#"
                + IdempotencyFilter.scope("anonymous", "POST", "/test/widgets")
                + "#"
                + key));
    item.put(TopgunTable.SK, AttributeValue.fromS("IDEMPOTENCY"));
    item.put("state", AttributeValue.fromS("IN_PROGRESS"));
    item.put("fingerprint", AttributeValue.fromS("0".repeat(64)));
    item.put("lockToken", AttributeValue.fromS("dead"));
    item.put(
        "lockedUntil", AttributeValue.fromN(Long.toString(longAgo.plusSeconds(60).toEpochMilli())));
    item.put(
        TopgunTable.TTL,
        AttributeValue.fromN(Long.toString(longAgo.plus(Duration.ofHours(24)).getEpochSecond())));
    TABLE.client().putItem(r -> r.tableName(TABLE.name()).item(item));

    // when
    Reply reply = transport.send(create(name).header(IdempotencyFilter.HEADER, key));

    // then
    assertThat(reply.status()).isEqualTo(201);
    assertThat(executions(transport, name)).isEqualTo(1);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static Call create(String name) {
    return Call.json("POST", "/test/widgets", "{\"name\": \"" + name + "\", \"quantity\": 1}");
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private Executions executions(Transport transport) {
    return transport.context().getBean(Executions.class);
  }

  /** Runs of the endpoint for this name in the transport's function instance and its peer. */
  private long executions(Transport transport, String name) {
    Transport peer = peers.get(transport);
    long count = executions(transport).count(name);
    return peer == transport ? count : count + executions(peer).count(name);
  }

  private static Map<String, AttributeValue> record(String scope, String key) {
    return TABLE
        .client()
        .getItem(
            r ->
                r.tableName(TABLE.name())
                    .consistentRead(true)
                    .key(
                        Map.of(
                            TopgunTable.PK,
                            AttributeValue.fromS("IDEMPOTENCY#" + scope + "#" + key),
                            TopgunTable.SK,
                            AttributeValue.fromS("IDEMPOTENCY"))))
        .item();
  }
}
