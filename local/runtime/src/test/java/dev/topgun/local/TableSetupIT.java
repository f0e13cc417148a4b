package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.emulators.SharedEmulators;
import dev.topgun.shared.store.TopgunTable;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The runtime's table, created from TopgunTable's definition, in the DynamoDB emulator. */
class TableSetupIT {

  private static DynamoDbClient dynamo;

  @BeforeAll
  static void client() {
    dynamo = SdkClients.of(DynamoDbClient.builder(), SharedEmulators.dynamoDb());
  }

  @AfterAll
  static void close() {
    dynamo.close();
  }

  @Test
  void aMissingTable_isCreatedWithItsIndexesStreamAndTimeToLive() {
    // given
    String table = "topgun-" + UUID.randomUUID();

    // when
    TableSetup.ensure(dynamo, table);

    // then
    TableDescription description = dynamo.describeTable(d -> d.tableName(table)).table();
    assertThat(description.globalSecondaryIndexes()).hasSize(2);
    assertThat(description.streamSpecification().streamEnabled()).isTrue();
    assertThat(description.streamSpecification().streamViewType())
        .isEqualTo(TopgunTable.STREAM_VIEW_TYPE);
    assertThat(description.latestStreamArn()).isNotBlank();
    TimeToLiveDescription ttl =
        dynamo.describeTimeToLive(d -> d.tableName(table)).timeToLiveDescription();
    assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLING, TimeToLiveStatus.ENABLED);
    assertThat(ttl.attributeName()).isEqualTo(TopgunTable.TTL);
  }

  @Test
  void aSecondStart_leavesTheTableAndItsTimeToLiveAsTheyAre() {
    // given
    String table = "topgun-" + UUID.randomUUID();
    TableSetup.ensure(dynamo, table);
    TableDescription first = dynamo.describeTable(d -> d.tableName(table)).table();

    // when: DynamoDB would refuse enabling TTL a second time
    TableSetup.ensure(dynamo, table);

    // then
    assertThat(dynamo.describeTable(d -> d.tableName(table)).table().tableId())
        .isEqualTo(first.tableId());
    assertThat(
            dynamo
                .describeTimeToLive(d -> d.tableName(table))
                .timeToLiveDescription()
                .attributeName())
        .isEqualTo(TopgunTable.TTL);
  }

  @Test
  void aTableFromAnEarlierStartWithoutAStream_getsOne_andKeepsItOnTheNextStart() {
    // given: the table as the runtime created it before it had a stream
    String table = "topgun-" + UUID.randomUUID();
    dynamo.createTable(
        TopgunTable.createTableRequest(table).toBuilder()
            .streamSpecification((StreamSpecification) null)
            .build());
    dynamo
        .waiter()
        .waitUntilTableExists(
            d -> d.tableName(table),
            w ->
                w.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(50)))
                    .maxAttempts(600)
                    .waitTimeout(Duration.ofSeconds(30)));
    assertThat(dynamo.describeTable(d -> d.tableName(table)).table().latestStreamArn()).isNull();

    // when
    TableSetup.ensure(dynamo, table);
    String stream = dynamo.describeTable(d -> d.tableName(table)).table().latestStreamArn();
    TableSetup.ensure(dynamo, table);

    // then
    TableDescription description = dynamo.describeTable(d -> d.tableName(table)).table();
    assertThat(description.streamSpecification().streamViewType())
        .isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    assertThat(stream).isNotBlank();
    assertThat(description.latestStreamArn()).isEqualTo(stream);
  }
}
