package dev.topgun.emulators;

import static dev.topgun.emulators.DynamoDbTestSupport.item;
import static dev.topgun.emulators.DynamoDbTestSupport.key;
import static dev.topgun.emulators.DynamoDbTestSupport.n;
import static dev.topgun.emulators.DynamoDbTestSupport.s;
import static dev.topgun.emulators.DynamoDbTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactGetItems through the AWS SDK, against the dynalite extension. */
class TransactGetItemsIT {

  private static DynamoDbClient dynamo;
  private String table;

  @BeforeAll
  static void client() {
    dynamo = DynamoDbTestSupport.client(SharedEmulators.dynamoDb());
  }

  @AfterAll
  static void closeClient() {
    dynamo.close();
  }

  @BeforeEach
  void newTable() {
    table = DynamoDbTestSupport.createTable(dynamo);
  }

  @Test
  void responsesFollowTheRequestOrder_andAMissingItemIsEmpty() {
    // given
    dynamo.putItem(p -> p.tableName(table).item(item("ORG#1", "B", "n", 2)));
    dynamo.putItem(p -> p.tableName(table).item(item("ORG#1", "A", "n", 1)));

    // when
    var responses =
        dynamo
            .transactGetItems(
                t ->
                    t.transactItems(
                        get(key("ORG#1", "B")),
                        get(key("ORG#1", "MISSING")),
                        get(key("ORG#1", "A"))))
            .responses();

    // then
    assertThat(responses).hasSize(3);
    assertThat(responses.get(0).item()).isEqualTo(item("ORG#1", "B", "n", 2));
    assertThat(responses.get(1).hasItem()).isFalse();
    assertThat(responses.get(2).item()).isEqualTo(item("ORG#1", "A", "n", 1));
  }

  @Test
  void projectionExpression_returnsOnlyTheNamedAttributes() {
    // given
    dynamo.putItem(
        p -> p.tableName(table).item(item("ORG#1", "PROFILE", "name", "Acme", "plan", "pro")));

    // when
    ItemResponse response =
        dynamo
            .transactGetItems(
                t ->
                    t.transactItems(
                        TransactGetItem.builder()
                            .get(
                                g ->
                                    g.tableName(table)
                                        .key(key("ORG#1", "PROFILE"))
                                        .projectionExpression("#n, SK")
                                        .expressionAttributeNames(Map.of("#n", "name")))
                            .build()))
            .responses()
            .get(0);

    // then
    assertThat(response.item()).isEqualTo(Map.of("name", s("Acme"), "SK", s("PROFILE")));
  }

  @Test
  void theSameItemTwice_isRejected() {
    // when
    DynamoDbException rejected =
        thrown(
            DynamoDbException.class,
            () ->
                dynamo.transactGetItems(
                    t -> t.transactItems(get(key("ORG#1", "A")), get(key("ORG#1", "A")))));

    // then
    assertThat(rejected.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(rejected.awsErrorDetails().errorMessage())
        .isEqualTo("Transaction request cannot include multiple operations on one item");
  }

  @Test
  void aKeyNotMatchingTheSchema_cancelsWithValidationError() {
    // when
    TransactionCanceledException cancelled =
        thrown(
            TransactionCanceledException.class,
            () ->
                dynamo.transactGetItems(
                    t ->
                        t.transactItems(
                            get(key("ORG#1", "FINE")), get(Map.of("PK", s("ORG#1"), "SK", n(1))))));

    // then
    assertThat(cancelled.cancellationReasons())
        .extracting(CancellationReason::code)
        .containsExactly("None", "ValidationError");
    assertThat(cancelled.cancellationReasons().get(1).message())
        .isEqualTo("The provided key element does not match the schema");
  }

  private TransactGetItem get(Map<String, AttributeValue> key) {
    return TransactGetItem.builder().get(g -> g.tableName(table).key(key)).build();
  }
}
