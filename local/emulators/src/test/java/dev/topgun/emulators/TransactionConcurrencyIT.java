package dev.topgun.emulators;

import static dev.topgun.emulators.DynamoDbTestSupport.item;
import static dev.topgun.emulators.DynamoDbTestSupport.key;
import static dev.topgun.emulators.DynamoDbTestSupport.n;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Many clients at once: transactions must serialise on the items they touch (no lost update, no
 * deadlock), as DynamoDB's do.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransactionConcurrencyIT {

  private static final int THREADS = 20;

  private static DynamoDbClient dynamo;
  private String table;
  private ExecutorService pool;

  @BeforeAll
  static void client() {
    dynamo = DynamoDbTestSupport.client(SharedEmulators.dynamoDb());
  }

  @AfterAll
  static void closeClient() {
    dynamo.close();
  }

  @BeforeEach
  void setUp() {
    table = DynamoDbTestSupport.createTable(dynamo);
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  @Test
  void racingToClaimTheSameMarker_exactlyOneWinsEachRound() throws Exception {
    for (int round = 0; round < 10; round++) {
      // given
      String slug = "SLUG#round-" + round;
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Callable<Boolean>> claims = new ArrayList<>();
      for (int thread = 0; thread < THREADS; thread++) {
        String org = "ORG#" + round + "-" + thread;
        claims.add(
            () -> {
              start.await();
              try {
                dynamo.transactWriteItems(
                    t ->
                        t.transactItems(
                            put(item(slug, "MARKER", "org", org), "attribute_not_exists(PK)"),
                            put(item(org, "PROFILE", "slug", slug), "attribute_not_exists(PK)")));
                return true;
              } catch (TransactionCanceledException e) {
                assertThat(e.cancellationReasons())
                    .extracting(CancellationReason::code)
                    .containsExactly("ConditionalCheckFailed", "None");
                return false;
              }
            });
      }

      // when
      List<Boolean> won = new ArrayList<>();
      for (Future<Boolean> result : pool.invokeAll(claims)) {
        won.add(result.get());
      }

      // then
      assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
      String winner = getItem(key(slug, "MARKER")).get("org").s();
      assertThat(winner).isEqualTo("ORG#" + round + "-" + won.indexOf(true));
      for (int thread = 0; thread < THREADS; thread++) {
        String org = "ORG#" + round + "-" + thread;
        assertThat(getItem(key(org, "PROFILE")).isEmpty()).isEqualTo(!org.equals(winner));
      }
    }
  }

  @Test
  void versionCheckedIncrements_loseNoUpdate() throws Exception {
    // given
    int threads = THREADS / 2;
    int incrementsPerThread = 5;
    CyclicBarrier start = new CyclicBarrier(threads);
    dynamo.putItem(p -> p.tableName(table).item(item("ORG#1", "COUNTER", "n", 0, "version", 0)));
    List<Callable<Integer>> workers = new ArrayList<>();
    for (int thread = 0; thread < threads; thread++) {
      int id = thread;
      workers.add(
          () -> {
            start.await();
            int conflicts = 0;
            for (int done = 0; done < incrementsPerThread; ) {
              Map<String, AttributeValue> counter = getItem(key("ORG#1", "COUNTER"));
              long n = Long.parseLong(counter.get("n").n());
              long version = Long.parseLong(counter.get("version").n());
              try {
                dynamo.transactWriteItems(
                    t ->
                        t.transactItems(
                            TransactWriteItem.builder()
                                .update(
                                    u ->
                                        u.tableName(table)
                                            .key(key("ORG#1", "COUNTER"))
                                            .updateExpression("SET n = :n, version = :next")
                                            .conditionExpression("version = :version")
                                            .expressionAttributeValues(
                                                Map.of(
                                                    ":n", n(n + 1),
                                                    ":next", n(version + 1),
                                                    ":version", n(version))))
                                .build(),
                            put(item("ORG#1", "INCREMENT#" + (version + 1), "by", id), null)));
                done++;
              } catch (TransactionCanceledException e) {
                conflicts++;
              }
            }
            return conflicts;
          });
    }

    // when
    int conflicts = 0;
    for (Future<Integer> result : pool.invokeAll(workers)) {
      conflicts += result.get();
    }

    // then
    int total = threads * incrementsPerThread;
    Map<String, AttributeValue> counter = getItem(key("ORG#1", "COUNTER"));
    assertThat(counter).containsEntry("n", n(total)).containsEntry("version", n(total));
    assertThat(getItem(key("ORG#1", "INCREMENT#" + total))).isNotEmpty();
    // Sanity check that the threads did race: otherwise this test proves nothing.
    assertThat(conflicts).isPositive();
  }

  @Test
  void transactionsTouchingTwoItemsInOppositeOrders_neitherDeadlockNorLoseUpdates()
      throws Exception {
    // given
    int roundsPerThread = 10;
    dynamo.putItem(p -> p.tableName(table).item(item("ORG#1", "A", "n", 0)));
    dynamo.putItem(p -> p.tableName(table).item(item("ORG#1", "B", "n", 0)));
    List<Callable<Void>> workers = new ArrayList<>();
    for (int thread = 0; thread < THREADS; thread++) {
      boolean aFirst = thread % 2 == 0;
      workers.add(
          () -> {
            for (int i = 0; i < roundsPerThread; i++) {
              TransactWriteItem a = increment(key("ORG#1", "A"));
              TransactWriteItem b = increment(key("ORG#1", "B"));
              dynamo.transactWriteItems(t -> t.transactItems(aFirst ? a : b, aFirst ? b : a));
            }
            return null;
          });
    }

    // when
    for (Future<Void> result : pool.invokeAll(workers)) {
      result.get();
    }

    // then
    int total = THREADS * roundsPerThread;
    assertThat(getItem(key("ORG#1", "A"))).containsEntry("n", n(total));
    assertThat(getItem(key("ORG#1", "B"))).containsEntry("n", n(total));
  }

  @Test
  void transactGetItems_neverSeesHalfATransaction() throws Exception {
    // given: transfers between A and B keep A + B at 100
    dynamo.putItem(p -> p.tableName(table).item(item("ORG#1", "A", "n", 100)));
    dynamo.putItem(p -> p.tableName(table).item(item("ORG#1", "B", "n", 0)));
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Callable<List<Long>>> tasks = new ArrayList<>();
    for (int thread = 0; thread < THREADS / 2; thread++) {
      boolean towardsB = thread % 2 == 0;
      tasks.add(
          () -> {
            for (int i = 0; i < 10; i++) {
              dynamo.transactWriteItems(
                  t ->
                      t.transactItems(
                          add(key("ORG#1", "A"), towardsB ? -1 : 1),
                          add(key("ORG#1", "B"), towardsB ? 1 : -1)));
            }
            return List.of();
          });
    }
    List<Callable<List<Long>>> readers = new ArrayList<>();
    for (int thread = 0; thread < THREADS / 2; thread++) {
      readers.add(
          () -> {
            List<Long> sums = new ArrayList<>();
            while (writing.get() || sums.isEmpty()) {
              var responses =
                  dynamo
                      .transactGetItems(
                          t -> t.transactItems(get(key("ORG#1", "A")), get(key("ORG#1", "B"))))
                      .responses();
              sums.add(
                  Long.parseLong(responses.get(0).item().get("n").n())
                      + Long.parseLong(responses.get(1).item().get("n").n()));
            }
            return sums;
          });
    }

    // when
    List<Future<List<Long>>> readResults = new ArrayList<>();
    for (Callable<List<Long>> reader : readers) {
      readResults.add(pool.submit(reader));
    }
    for (Future<List<Long>> writer : pool.invokeAll(tasks)) {
      writer.get();
    }
    writing.set(false);
    List<Long> sums = new ArrayList<>();
    for (Future<List<Long>> reader : readResults) {
      sums.addAll(reader.get());
    }

    // then
    assertThat(sums).isNotEmpty().containsOnly(100L);
  }

  private Map<String, AttributeValue> getItem(Map<String, AttributeValue> key) {
    return dynamo.getItem(g -> g.tableName(table).key(key).consistentRead(true)).item();
  }

  private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
    return TransactWriteItem.builder()
        .put(p -> p.tableName(table).item(item).conditionExpression(condition))
        .build();
  }

  private TransactWriteItem increment(Map<String, AttributeValue> key) {
    return add(key, 1);
  }

  private TransactWriteItem add(Map<String, AttributeValue> key, long delta) {
    return TransactWriteItem.builder()
        .update(
            u ->
                u.tableName(table)
                    .key(key)
                    .updateExpression("SET n = n + :delta")
                    .expressionAttributeValues(Map.of(":delta", n(delta))))
        .build();
  }

  private TransactGetItem get(Map<String, AttributeValue> key) {
    return TransactGetItem.builder().get(g -> g.tableName(table).key(key)).build();
  }
}
