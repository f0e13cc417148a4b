package dev.topgun.local;

import dev.topgun.shared.store.TopgunTable;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The Topgun table in the DynamoDB emulator, created with its indexes, stream and TTL when missing;
 * a table kept from an earlier start gets the stream and TTL it lacks.
 */
final class TableSetup {

  private static final Logger LOG = LoggerFactory.getLogger(TableSetup.class);

  private TableSetup() {}

  static void ensure(DynamoDbClient dynamo, String table) {
    TableDescription description;
    try {
      description = dynamo.describeTable(request -> request.tableName(table)).table();
    } catch (ResourceNotFoundException e) {
      dynamo.createTable(TopgunTable.createTableRequest(table));
      awaitActive(dynamo, table);
      LOG.info("created table {}", table);
      description = dynamo.describeTable(request -> request.tableName(table)).table();
    }
    ensureStream(dynamo, description);
    ensureTimeToLive(dynamo, table);
  }

  private static void ensureStream(DynamoDbClient dynamo, TableDescription description) {
    StreamSpecification wanted =
        TopgunTable.createTableRequest(description.tableName()).streamSpecification();
    StreamSpecification actual = description.streamSpecification();
    if (actual != null && Boolean.TRUE.equals(actual.streamEnabled())) {
      if (actual.streamViewType() != wanted.streamViewType()) {
        // A stream's view type cannot change; replacing the stream would lose unread records.
        LOG.warn(
            "table {} streams {} while {} is declared; delete local/.data (./local/run --fresh) to"
                + " recreate it",
            description.tableName(),
            actual.streamViewType(),
            wanted.streamViewType());
      }
      return;
    }
    dynamo.updateTable(
        request -> request.tableName(description.tableName()).streamSpecification(wanted));
    awaitActive(dynamo, description.tableName());
    LOG.info("enabled the stream of table {}", description.tableName());
  }

  private static void ensureTimeToLive(DynamoDbClient dynamo, String table) {
    TimeToLiveStatus status =
        dynamo
            .describeTimeToLive(request -> request.tableName(table))
            .timeToLiveDescription()
            .timeToLiveStatus();
    if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
      return;
    }
    dynamo.updateTimeToLive(TopgunTable.updateTimeToLiveRequest(table));
    LOG.info("enabled TTL on attribute {} of table {}", TopgunTable.TTL, table);
  }

  private static void awaitActive(DynamoDbClient dynamo, String table) {
    dynamo
        .waiter()
        .waitUntilTableExists(
            request -> request.tableName(table),
            waiter ->
                // The timeout rules, not the SDK's default of 25 attempts (1.25 s at this delay,
                // which a loaded machine's dynalite can take to make a table active).
                waiter
                    .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(50)))
                    .maxAttempts(600)
                    .waitTimeout(Duration.ofSeconds(30)));
  }
}
