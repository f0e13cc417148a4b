package dev.topgun.emulators;

import static dev.topgun.emulators.DynamoDbTestSupport.item;
import static dev.topgun.emulators.DynamoDbTestSupport.key;
import static dev.topgun.emulators.DynamoDbTestSupport.s;
import static dev.topgun.emulators.DynamoDbTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** UpdateTimeToLive, DescribeTimeToLive and the deletion of expired items, through the SDK. */
class TimeToLiveIT {

  private static DynamoDbEmulator emulator;
  private static DynamoDbClient dynamo;
  private static DynamoDbStreamsClient streams;

  @BeforeAll
  static void start() {
    emulator =
        DynamoDbEmulator.start(
            0,
            null,
            DynamoDbEmulator.Options.defaults().withTtlSweepInterval(Duration.ofMillis(200)));
    dynamo = DynamoDbTestSupport.client(emulator.endpoint());
    streams = DynamoDbTestSupport.streamsClient(emulator.endpoint());
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    streams.close();
    emulator.close();
  }

  @Test
  void enablingAndDisabling_goThroughTheStatesAwsReports() throws Exception {
    // given
    String table = DynamoDbTestSupport.createTable(dynamo);
    assertThat(describe(table).timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
    assertThat(describe(table).attributeName()).isNull();

    // when
    var enabled =
        dynamo.updateTimeToLive(
            u ->
                u.tableName(table)
                    .timeToLiveSpecification(t -> t.attributeName("ttl").enabled(true)));

    // then
    assertThat(enabled.timeToLiveSpecification().attributeName()).isEqualTo("ttl");
    assertThat(enabled.timeToLiveSpecification().enabled()).isTrue();
    assertThat(describe(table).timeToLiveStatus())
        .isIn(TimeToLiveStatus.ENABLING, TimeToLiveStatus.ENABLED);
    assertThat(describe(table).attributeName()).isEqualTo("ttl");
    awaitStatus(table, TimeToLiveStatus.ENABLED);

    // and when it is disabled
    dynamo.updateTimeToLive(
        u ->
            u.tableName(table).timeToLiveSpecification(t -> t.attributeName("ttl").enabled(false)));
    assertThat(describe(table).timeToLiveStatus())
        .isIn(TimeToLiveStatus.DISABLING, TimeToLiveStatus.DISABLED);
    awaitStatus(table, TimeToLiveStatus.DISABLED);
    assertThat(describe(table).attributeName()).isNull();
  }

  @Test
  void changesDynamoDbRefuses_areValidationExceptions() throws Exception {
    // given
    String table = DynamoDbTestSupport.createTable(dynamo);

    // when / then
    assertThat(errorCode(() -> update(table, "ttl", false))).isEqualTo("ValidationException");
    update(table, "ttl", true);
    assertThat(errorCode(() -> update(table, "ttl", true))).isEqualTo("ValidationException");
    awaitStatus(table, TimeToLiveStatus.ENABLED);
    assertThat(errorCode(() -> update(table, "expiresAt", true))).isEqualTo("ValidationException");
    assertThat(errorCode(() -> update(table, "expiresAt", false))).isEqualTo("ValidationException");
    assertThat(describe(table).attributeName()).isEqualTo("ttl");
    thrown(ResourceNotFoundException.class, () -> update("no-such-table", "ttl", true));
    thrown(
        ResourceNotFoundException.class,
        () -> dynamo.describeTimeToLive(d -> d.tableName("no-such-table")));
    assertThat(errorCode(() -> dynamo.updateTimeToLive(u -> u.tableName(table))))
        .isEqualTo("ValidationException");
  }

  @Test
  void expiredItems_areDeletedWithTheirIndexEntries_andRecordedAsDeletionsByDynamoDb()
      throws Exception {
    // given
    String table =
        DynamoDbTestSupport.createTable(
            dynamo,
            t ->
                t.streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    String untouched = DynamoDbTestSupport.createTable(dynamo);
    update(table, "ttl", true);
    awaitStatus(table, TimeToLiveStatus.ENABLED);
    long now = Instant.now().getEpochSecond();
    Map<String, AttributeValue> expired =
        item("ORG#1", "METRIC#old", "ttl", now - 60, "GSI1PK", "METRICS", "GSI1SK", "old");
    put(table, expired);
    put(table, item("ORG#1", "METRIC#new", "ttl", now + 3600));
    put(table, item("ORG#1", "TEXT", "ttl", Long.toString(now - 60)));
    put(table, item("ORG#1", "ANCIENT", "ttl", now - 6L * 366 * 24 * 3600));
    put(table, item("ORG#1", "FOREVER"));
    put(untouched, item("ORG#1", "METRIC#old", "ttl", now - 60));

    // when
    DynamoDbTestSupport.await(
        "the expired item to go",
        Duration.ofSeconds(30),
        () -> !dynamo.getItem(g -> g.tableName(table).key(key("ORG#1", "METRIC#old"))).hasItem());

    // then: the sweep that deleted it looked at every other item too, and left them
    assertThat(
            dynamo.scan(r -> r.tableName(table)).items().stream()
                .map(i -> i.get("SK").s())
                .toList())
        .containsExactlyInAnyOrder("METRIC#new", "TEXT", "ANCIENT", "FOREVER");
    assertThat(
            dynamo.getItem(g -> g.tableName(untouched).key(key("ORG#1", "METRIC#old"))).hasItem())
        .isTrue();
    assertThat(
            dynamo
                .query(
                    q ->
                        q.tableName(table)
                            .indexName(DynamoDbTestSupport.GSI1)
                            .keyConditionExpression("GSI1PK = :p")
                            .expressionAttributeValues(Map.of(":p", s("METRICS"))))
                .items())
        .isEmpty();
    // the deletion's stream record may land a moment after the item is gone: polled for
    List<Record> records = new java.util.ArrayList<>();
    DynamoDbTestSupport.await(
        "the deletion's stream record",
        Duration.ofSeconds(30),
        () -> {
          records.clear();
          records.addAll(new StreamReader(dynamo, streams).all(table));
          return !records.isEmpty()
              && records.get(records.size() - 1).eventName() == OperationType.REMOVE;
        });
    Record removal = records.get(records.size() - 1);
    assertThat(removal.eventName()).isEqualTo(OperationType.REMOVE);
    assertThat(removal.dynamodb().oldImage()).isEqualTo(expired);
    assertThat(removal.userIdentity().type()).isEqualTo("Service");
    assertThat(removal.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
    assertThat(records.subList(0, records.size() - 1))
        .allSatisfy(r -> assertThat(r.userIdentity()).isNull());
  }

  private static TimeToLiveDescription describe(String table) {
    return dynamo.describeTimeToLive(d -> d.tableName(table)).timeToLiveDescription();
  }

  private static void update(String table, String attribute, boolean enabled) {
    dynamo.updateTimeToLive(
        u ->
            u.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(enabled)));
  }

  private static void put(String table, Map<String, AttributeValue> item) {
    dynamo.putItem(p -> p.tableName(table).item(item));
  }

  private static void awaitStatus(String table, TimeToLiveStatus status) throws Exception {
    DynamoDbTestSupport.await(
        "TTL " + status,
        Duration.ofSeconds(10),
        () -> describe(table).timeToLiveStatus() == status);
  }

  private static String errorCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    return thrown(DynamoDbException.class, call).awsErrorDetails().errorCode();
  }
}
