package dev.topgun.emulators;

import static dev.topgun.emulators.DynamoDbTestSupport.item;
import static dev.topgun.emulators.DynamoDbTestSupport.key;
import static dev.topgun.emulators.DynamoDbTestSupport.n;
import static dev.topgun.emulators.DynamoDbTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/** DynamoDB's transaction conflicts, produced on demand for tests. */
class TransactionConflictsIT {

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class ByDefault {

    private DynamoDbClient dynamo;
    private DynamoDbControl control;

    @BeforeAll
    void client() {
      dynamo = DynamoDbTestSupport.client(SharedEmulators.dynamoDb());
      control = DynamoDbControl.at(SharedEmulators.dynamoDb());
    }

    @AfterAll
    void close() {
      dynamo.close();
    }

    @Test
    void armedConflicts_cancelTheNextTransactionsTouchingTheItem_namingOnlyIts() {
      // given
      String table = DynamoDbTestSupport.createTable(dynamo);
      control.injectTransactionConflicts(table, Map.of("PK", "B", "SK", "1"), 2);

      // when
      List<TransactionCanceledException> cancelled = new ArrayList<>();
      for (int attempt = 0; attempt < 2; attempt++) {
        cancelled.add(
            thrown(
                TransactionCanceledException.class,
                () ->
                    dynamo.transactWriteItems(
                        t -> t.transactItems(put(table, "A"), put(table, "B")))));
      }
      boolean writtenWhileArmed =
          dynamo.getItem(g -> g.tableName(table).key(key("A", "1"))).hasItem();
      dynamo.transactWriteItems(t -> t.transactItems(put(table, "A"), put(table, "B")));

      // then
      assertThat(cancelled)
          .allSatisfy(
              e ->
                  assertThat(e.cancellationReasons())
                      .containsExactly(
                          CancellationReason.builder().code("None").build(),
                          CancellationReason.builder()
                              .code("TransactionConflict")
                              .message("Transaction is ongoing for the item")
                              .build()));
      assertThat(writtenWhileArmed).isFalse();
      assertThat(dynamo.getItem(g -> g.tableName(table).key(key("B", "1"))).hasItem()).isTrue();
      assertThat(control.remainingTransactionConflicts(table, Map.of("PK", "B", "SK", "1")))
          .isZero();
    }

    @Test
    void armedConflicts_cancelTransactGetItemsToo_butNotOtherItemsOrSingleWrites() {
      // given
      String table = DynamoDbTestSupport.createTable(dynamo);
      control.injectTransactionConflicts(table, Map.of("PK", "A", "SK", "1"), 1);

      // when
      dynamo.putItem(p -> p.tableName(table).item(item("A", "1")));
      dynamo.transactWriteItems(t -> t.transactItems(put(table, "B")));
      TransactionCanceledException cancelled =
          thrown(
              TransactionCanceledException.class,
              () ->
                  dynamo.transactGetItems(
                      t ->
                          t.transactItems(
                              TransactGetItem.builder()
                                  .get(g -> g.tableName(table).key(key("A", "1")))
                                  .build())));

      // then
      assertThat(cancelled.cancellationReasons())
          .extracting(CancellationReason::code)
          .containsExactly("TransactionConflict");
      assertThat(control.remainingTransactionConflicts(table, Map.of("PK", "A", "SK", "1")))
          .isZero();
    }

    @Test
    void aHeldItem_makesTransactionsAndWritesWait_untilItIsReleased() {
      // given
      String table = DynamoDbTestSupport.createTable(dynamo);
      Duration hold = Duration.ofMillis(800);
      control.holdItem(table, Map.of("PK", "A", "SK", "1"), hold);
      long start = System.nanoTime();

      // when
      dynamo.transactWriteItems(t -> t.transactItems(put(table, "A")));

      // then
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(hold.minusMillis(200));
      assertThat(dynamo.getItem(g -> g.tableName(table).key(key("A", "1"))).hasItem()).isTrue();
    }

    @Test
    void controlsOnAMissingTableOrAWrongKey_areRefused() {
      // given
      String table = DynamoDbTestSupport.createTable(dynamo);

      // when / then
      assertThatThrownBy(
              () ->
                  control.injectTransactionConflicts(
                      "no-such-table", Map.of("PK", "A", "SK", "1"), 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ResourceNotFoundException");
      assertThatThrownBy(() -> control.injectTransactionConflicts(table, Map.of("PK", "A"), 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ValidationException");
      assertThatThrownBy(
              () -> control.holdItem(table, Map.of("PK", "A", "SK", "1"), Duration.ofMinutes(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("DurationMs");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class InConflictMode {

    private DynamoDbEmulator emulator;
    private DynamoDbClient dynamo;

    @BeforeAll
    void start() {
      emulator =
          DynamoDbEmulator.start(
              0, null, DynamoDbEmulator.Options.defaults().withTransactionConflicts(true));
      dynamo = DynamoDbTestSupport.client(emulator.endpoint());
    }

    @AfterAll
    void stop() {
      dynamo.close();
      emulator.close();
    }

    @Test
    void anItemHeldByATransaction_cancelsOtherTransactions_andRefusesSingleItemWrites() {
      // given
      String table = DynamoDbTestSupport.createTable(dynamo);
      dynamo.putItem(p -> p.tableName(table).item(item("A", "1", "n", 1)));
      emulator.control().holdItem(table, Map.of("PK", "A", "SK", "1"), Duration.ofSeconds(20));

      // when / then
      TransactionCanceledException cancelled =
          thrown(
              TransactionCanceledException.class,
              () ->
                  dynamo.transactWriteItems(
                      t -> t.transactItems(put(table, "B"), put(table, "A"))));
      assertThat(cancelled.cancellationReasons())
          .extracting(CancellationReason::code)
          .containsExactly("None", "TransactionConflict");
      thrown(
          TransactionConflictException.class,
          () -> dynamo.putItem(p -> p.tableName(table).item(item("A", "1"))));
      thrown(
          TransactionConflictException.class,
          () ->
              dynamo.updateItem(
                  u ->
                      u.tableName(table)
                          .key(key("A", "1"))
                          .updateExpression("SET n = :v")
                          .expressionAttributeValues(Map.of(":v", n(2)))));
      thrown(
          TransactionConflictException.class,
          () -> dynamo.deleteItem(d -> d.tableName(table).key(key("A", "1"))));
      dynamo.putItem(p -> p.tableName(table).item(item("C", "1")));
      assertThat(dynamo.getItem(g -> g.tableName(table).key(key("A", "1"))).item())
          .isEqualTo(item("A", "1", "n", 1));
      assertThat(dynamo.getItem(g -> g.tableName(table).key(key("B", "1"))).hasItem()).isFalse();
    }

    @Test
    void racingIncrements_eitherCommitOrAreCancelled_andNoneIsLost() throws Exception {
      // given
      String table = DynamoDbTestSupport.createTable(dynamo);
      dynamo.putItem(p -> p.tableName(table).item(item("ORG#1", "COUNTER", "n", 0)));
      int threads = 10, attempts = 5;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Callable<Integer>> workers = new ArrayList<>();
      for (int thread = 0; thread < threads; thread++) {
        workers.add(() -> increments(table, attempts));
      }

      // when
      int committed = 0;
      try {
        for (Future<Integer> done : pool.invokeAll(workers)) {
          committed += done.get();
        }
      } finally {
        pool.shutdownNow();
      }

      // then
      assertThat(committed).isPositive();
      assertThat(
              dynamo.getItem(g -> g.tableName(table).key(key("ORG#1", "COUNTER"))).item().get("n"))
          .isEqualTo(n(committed));
    }

    private int increments(String table, int attempts) {
      int committed = 0;
      for (int i = 0; i < attempts; i++) {
        try {
          dynamo.transactWriteItems(
              t ->
                  t.transactItems(
                      TransactWriteItem.builder()
                          .update(
                              u ->
                                  u.tableName(table)
                                      .key(key("ORG#1", "COUNTER"))
                                      .updateExpression("ADD n :one")
                                      .expressionAttributeValues(Map.of(":one", n(1))))
                          .build()));
          committed++;
        } catch (TransactionCanceledException e) {
          assertThat(e.cancellationReasons())
              .extracting(CancellationReason::code)
              .containsExactly("TransactionConflict");
        }
      }
      return committed;
    }
  }

  private static TransactWriteItem put(String table, String pk) {
    Map<String, AttributeValue> item = item(pk, "1");
    return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
  }
}
