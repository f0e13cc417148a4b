package dev.topgun.local;

import dev.topgun.shared.store.TopgunTable;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The Topgun table in the DynamoDB emulator, created with its indexes and TTL when missing. */
final class TableSetup {

  private static final Logger LOG = LoggerFactory.getLogger(TableSetup.class);

  private TableSetup() {}

  static void ensure(DynamoDbClient dynamo, String table) {
    try {
      dynamo.describeTable(request -> request.tableName(table));
    } catch (ResourceNotFoundException e) {
      dynamo.createTable(TopgunTable.createTableRequest(table));
      dynamo
          .waiter()
          .waitUntilTableExists(
              request -> request.tableName(table),
              waiter ->
                  waiter
                      .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(50)))
                      .waitTimeout(Duration.ofSeconds(30)));
      LOG.info("created table {}", table);
    }
    ensureTimeToLive(dynamo, table);
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
    try {
      dynamo.updateTimeToLive(TopgunTable.updateTimeToLiveRequest(table));
    } catch (DynamoDbException e) {
      if (!"UnknownOperationException".equals(e.awsErrorDetails().errorCode())) {
        throw e;
      }
      LOG.debug("the DynamoDB emulator has no TTL; expired items stay until deleted");
    }
  }
}
