package dev.topgun.emulators;

import static dev.topgun.emulators.DynamoDbTestSupport.item;
import static dev.topgun.emulators.DynamoDbTestSupport.key;
import static dev.topgun.emulators.DynamoDbTestSupport.n;
import static dev.topgun.emulators.DynamoDbTestSupport.s;
import static dev.topgun.emulators.DynamoDbTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** TransactWriteItems through the AWS SDK, against the dynalite extension. */
class TransactWriteItemsIT {

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
  void putUpdateDeleteAndConditionCheck_allTakeEffect_includingTheIndex() {
    // given
    putItem(item("ORG#1", "COUNTER", "n", 1));
    putItem(item("ORG#1", "OLD"));
    putItem(item("ORG#1", "PLAN", "status", "active"));

    // when
    dynamo.transactWriteItems(
        t ->
            t.transactItems(
                put(
                    item("ORG#1", "USER#a", "GSI1PK", "EMAIL#a@example.com", "GSI1SK", "USER"),
                    "attribute_not_exists(PK)"),
                update(
                    key("ORG#1", "COUNTER"),
                    "ADD #n :one SET GSI1PK = :g, GSI1SK = :s",
                    Map.of("#n", "n"),
                    Map.of(":one", n(1), ":g", s("EMAIL#a@example.com"), ":s", s("COUNTER")),
                    "#n = :expected",
                    Map.of(":expected", n(1))),
                delete(key("ORG#1", "OLD")),
                conditionCheck(
                    key("ORG#1", "PLAN"), "#s = :active", Map.of("#s", "status"), ":active")));

    // then
    assertThat(getItem(key("ORG#1", "USER#a"))).containsEntry("GSI1SK", s("USER"));
    assertThat(getItem(key("ORG#1", "COUNTER"))).containsEntry("n", n(2));
    assertThat(getItem(key("ORG#1", "OLD"))).isEmpty();
    assertThat(getItem(key("ORG#1", "PLAN"))).containsEntry("status", s("active"));
    assertThat(
            dynamo
                .query(
                    q ->
                        q.tableName(table)
                            .indexName(DynamoDbTestSupport.GSI1)
                            .keyConditionExpression("GSI1PK = :g")
                            .expressionAttributeValues(Map.of(":g", s("EMAIL#a@example.com"))))
                .items())
        .extracting(i -> i.get("SK").s())
        .containsExactly("COUNTER", "USER#a");
  }

  @Test
  void oneFailedCondition_cancelsEveryAction() {
    // given
    putItem(item("SLUG#acme", "MARKER", "org", "ORG#1"));
    putItem(item("ORG#1", "COUNTER", "n", 5));
    putItem(item("ORG#1", "DOOMED"));

    // when
    TransactWriteItem[] actions = {
      put(item("ORG#2", "PROFILE", "GSI1PK", "ALL", "GSI1SK", "ORG#2"), "attribute_not_exists(PK)"),
      put(item("SLUG#acme", "MARKER", "org", "ORG#2"), "attribute_not_exists(PK)"),
      update(key("ORG#1", "COUNTER"), "ADD n :one", Map.of(), Map.of(":one", n(1)), null, Map.of()),
      delete(key("ORG#1", "DOOMED"))
    };
    assertThatThrownBy(() -> dynamo.transactWriteItems(t -> t.transactItems(actions)))
        .isInstanceOf(TransactionCanceledException.class);

    // then
    assertThat(getItem(key("ORG#2", "PROFILE"))).isEmpty();
    assertThat(getItem(key("SLUG#acme", "MARKER"))).containsEntry("org", s("ORG#1"));
    assertThat(getItem(key("ORG#1", "COUNTER"))).containsEntry("n", n(5));
    assertThat(getItem(key("ORG#1", "DOOMED"))).isNotEmpty();
    assertThat(
            dynamo
                .query(
                    q ->
                        q.tableName(table)
                            .indexName(DynamoDbTestSupport.GSI1)
                            .keyConditionExpression("GSI1PK = :g")
                            .expressionAttributeValues(Map.of(":g", s("ALL"))))
                .items())
        .isEmpty();
  }

  @Test
  void cancellationReasons_onePerActionInOrder_withTheOldItemWhenAsked() {
    // given
    Map<String, AttributeValue> taken = item("SLUG#taken", "MARKER", "org", "ORG#1");
    putItem(taken);
    putItem(item("ORG#1", "PROFILE", "version", 3));

    // when
    TransactWriteItem[] actions = {
      put(item("ORG#9", "PROFILE"), "attribute_not_exists(PK)"),
      TransactWriteItem.builder()
          .put(
              Put.builder()
                  .tableName(table)
                  .item(item("SLUG#taken", "MARKER", "org", "ORG#9"))
                  .conditionExpression("attribute_not_exists(PK)")
                  .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                  .build())
          .build(),
      delete(key("ORG#1", "NOTHING")),
      update(
          key("ORG#1", "PROFILE"),
          "SET version = :next",
          Map.of(),
          Map.of(":next", n(5)),
          "version = :expected",
          Map.of(":expected", n(4)))
    };
    TransactionCanceledException cancelled =
        thrown(
            TransactionCanceledException.class,
            () -> dynamo.transactWriteItems(t -> t.transactItems(actions)));

    // then
    assertThat(cancelled.statusCode()).isEqualTo(400);
    assertThat(cancelled.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Transaction cancelled, please refer cancellation reasons for specific reasons"
                + " [None, ConditionalCheckFailed, None, ConditionalCheckFailed]");
    List<CancellationReason> reasons = cancelled.cancellationReasons();
    assertThat(reasons)
        .extracting(CancellationReason::code)
        .containsExactly("None", "ConditionalCheckFailed", "None", "ConditionalCheckFailed");
    assertThat(reasons.get(1).message()).isEqualTo("The conditional request failed");
    assertThat(reasons.get(1).item()).isEqualTo(taken);
    assertThat(reasons.get(3).hasItem()).isFalse();
    assertThat(reasons.get(0).message()).isNull();
  }

  @Test
  void updateExpressionThatCannotApply_cancelsWithValidationError() {
    // given
    putItem(item("ORG#1", "PROFILE", "name", "Acme"));

    // when
    TransactionCanceledException cancelled =
        thrown(
            TransactionCanceledException.class,
            () ->
                dynamo.transactWriteItems(
                    t ->
                        t.transactItems(
                            put(item("ORG#1", "OTHER"), null),
                            update(
                                key("ORG#1", "PROFILE"),
                                "ADD #name :one",
                                Map.of("#name", "name"),
                                Map.of(":one", n(1)),
                                null,
                                Map.of()))));

    // then
    assertThat(cancelled.cancellationReasons())
        .extracting(CancellationReason::code)
        .containsExactly("None", "ValidationError");
    assertThat(cancelled.cancellationReasons().get(1).message())
        .isEqualTo("An operand in the update expression has an incorrect data type");
    assertThat(getItem(key("ORG#1", "OTHER"))).isEmpty();
  }

  @Test
  void twoActionsOnTheSameItem_areRejected() {
    // when
    DynamoDbException rejected =
        thrown(
            DynamoDbException.class,
            () ->
                dynamo.transactWriteItems(
                    t ->
                        t.transactItems(
                            put(item("ORG#1", "PROFILE", "name", "a"), null),
                            delete(key("ORG#1", "PROFILE")))));

    // then
    assertThat(rejected.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(rejected.awsErrorDetails().errorMessage())
        .isEqualTo("Transaction request cannot include multiple operations on one item");
    assertThat(getItem(key("ORG#1", "PROFILE"))).isEmpty();
  }

  @Test
  void hundredActionsAreAccepted_butNotMore() {
    // given
    List<TransactWriteItem> hundred =
        IntStream.range(0, 100).mapToObj(i -> put(item("ORG#1", "ITEM#" + i), null)).toList();
    List<TransactWriteItem> hundredAndOne =
        IntStream.range(0, 101).mapToObj(i -> put(item("ORG#2", "ITEM#" + i), null)).toList();

    // when
    dynamo.transactWriteItems(t -> t.transactItems(hundred));
    DynamoDbException rejected =
        thrown(
            DynamoDbException.class,
            () -> dynamo.transactWriteItems(t -> t.transactItems(hundredAndOne)));

    // then
    assertThat(getItem(key("ORG#1", "ITEM#99"))).isNotEmpty();
    assertThat(rejected.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(rejected.awsErrorDetails().errorMessage())
        .contains("at 'transactItems' failed to satisfy constraint")
        .contains("Member must have length less than or equal to 100");
    assertThat(getItem(key("ORG#2", "ITEM#0"))).isEmpty();
  }

  @Test
  void keysAndItemsNotFittingTheSchema_cancelTheirActions_withValidationError() {
    // given
    TransactWriteItem[] actions = {
      put(item("ORG#1", "FINE"), null),
      delete(Map.of("PK", s("ORG#1"))),
      delete(Map.of("PK", s("ORG#1"), "SK", n(1))),
      put(Map.of("PK", s("ORG#1"), "SK", n(2)), null),
      put(item("ORG#1", "INDEXED", "GSI1PK", 5, "GSI1SK", "x"), null)
    };

    // when
    TransactionCanceledException cancelled =
        thrown(
            TransactionCanceledException.class,
            () -> dynamo.transactWriteItems(t -> t.transactItems(actions)));

    // then
    assertThat(cancelled.cancellationReasons())
        .extracting(CancellationReason::code, CancellationReason::message)
        .containsExactly(
            tuple("None", null),
            tuple("ValidationError", "The provided key element does not match the schema"),
            tuple("ValidationError", "The provided key element does not match the schema"),
            tuple(
                "ValidationError",
                "One or more parameter values were invalid: Type mismatch for key SK expected: S"
                    + " actual: N"),
            tuple(
                "ValidationError",
                "One or more parameter values were invalid: Type mismatch for Index Key GSI1PK"
                    + " Expected: S Actual: N IndexName: GSI1"));
    assertThat(getItem(key("ORG#1", "FINE"))).isEmpty();
  }

  @Test
  void emptyKeyValues_rejectTheWholeRequest_notCancelled() {
    // when
    DynamoDbException emptyKey =
        thrown(
            DynamoDbException.class,
            () ->
                dynamo.transactWriteItems(
                    t ->
                        t.transactItems(
                            put(item("ORG#1", "FINE"), null), delete(key("ORG#1", "")))));
    DynamoDbException emptyIndexKey =
        thrown(
            DynamoDbException.class,
            () ->
                dynamo.transactWriteItems(
                    t ->
                        t.transactItems(
                            put(item("ORG#1", "EMPTY", "GSI1PK", "", "GSI1SK", "x"), null))));

    // then
    assertThat(emptyKey).isNotInstanceOf(TransactionCanceledException.class);
    assertThat(emptyKey.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(emptyKey.awsErrorDetails().errorMessage())
        .isEqualTo(
            "One or more parameter values are not valid. The AttributeValue for a key attribute"
                + " cannot contain an empty string value. Key: SK");
    assertThat(emptyIndexKey).isNotInstanceOf(TransactionCanceledException.class);
    assertThat(emptyIndexKey.awsErrorDetails().errorMessage())
        .isEqualTo(
            "One or more parameter values are not valid. A value specified for a secondary index"
                + " key is not supported. The AttributeValue for a key attribute cannot contain an"
                + " empty string value. IndexName: GSI1, IndexKey: GSI1PK");
    assertThat(getItem(key("ORG#1", "FINE"))).isEmpty();
    assertThat(getItem(key("ORG#1", "EMPTY"))).isEmpty();
  }

  @Test
  void moreThanFourMegabytesOfItems_isRejected_butFourAreAccepted() {
    // given: items of 390,000 bytes each; DynamoDB caps one item at 400 KB and a transaction at 4
    // MB
    String big = "x".repeat(390_000);
    List<TransactWriteItem> ten =
        IntStream.range(0, 10)
            .mapToObj(i -> put(item("ORG#1", "BIG#" + i, "blob", big), null))
            .toList();
    List<TransactWriteItem> eleven =
        IntStream.range(0, 11)
            .mapToObj(i -> put(item("ORG#2", "BIG#" + i, "blob", big), null))
            .toList();

    // when
    dynamo.transactWriteItems(t -> t.transactItems(ten));
    DynamoDbException rejected =
        thrown(
            DynamoDbException.class, () -> dynamo.transactWriteItems(t -> t.transactItems(eleven)));

    // then
    assertThat(getItem(key("ORG#1", "BIG#9"))).containsKey("blob");
    assertThat(rejected).isNotInstanceOf(TransactionCanceledException.class);
    assertThat(rejected.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(rejected.awsErrorDetails().errorMessage())
        .isEqualTo("Transaction request cannot be larger than 4 MB");
    assertThat(getItem(key("ORG#2", "BIG#0"))).isEmpty();
  }

  @Test
  void updateWithoutUpdateExpression_namesTheMissingMember() {
    // when
    DynamoDbException rejected =
        thrown(
            DynamoDbException.class,
            () ->
                dynamo.transactWriteItems(
                    t ->
                        t.transactItems(
                            TransactWriteItem.builder()
                                .update(u -> u.tableName(table).key(key("ORG#1", "X")))
                                .build())));

    // then
    assertThat(rejected.awsErrorDetails().errorMessage())
        .isEqualTo(
            "1 validation error detected: Value null at"
                + " 'transactItems.1.member.update.updateExpression' failed to satisfy"
                + " constraint: Member must not be null");
  }

  @Test
  void unknownTable_isResourceNotFound() {
    // when / then
    assertThatThrownBy(
            () ->
                dynamo.transactWriteItems(
                    t ->
                        t.transactItems(
                            TransactWriteItem.builder()
                                .put(p -> p.tableName("no-such-table").item(item("A", "B")))
                                .build())))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void replayWithTheSameClientRequestToken_appliesOnce() {
    // given
    putItem(item("ORG#1", "COUNTER", "n", 0));
    TransactWriteItem increment =
        update(
            key("ORG#1", "COUNTER"), "ADD n :one", Map.of(), Map.of(":one", n(1)), null, Map.of());

    // when
    for (int i = 0; i < 3; i++) {
      dynamo.transactWriteItems(t -> t.clientRequestToken("token-1").transactItems(increment));
    }

    // then
    assertThat(getItem(key("ORG#1", "COUNTER"))).containsEntry("n", n(1));
  }

  @Test
  void sameClientRequestTokenWithADifferentRequest_isAMismatch() {
    // given
    dynamo.transactWriteItems(
        t -> t.clientRequestToken("token-2").transactItems(put(item("ORG#1", "A"), null)));

    // when / then
    assertThatThrownBy(
            () ->
                dynamo.transactWriteItems(
                    t ->
                        t.clientRequestToken("token-2")
                            .transactItems(put(item("ORG#1", "B"), null))))
        .isInstanceOf(IdempotentParameterMismatchException.class);
    assertThat(getItem(key("ORG#1", "B"))).isEmpty();
  }

  @Test
  void cancelledTransaction_doesNotUseUpItsClientRequestToken() {
    // given
    putItem(item("ORG#1", "MARKER"));
    TransactWriteItem createMarker = put(item("ORG#1", "MARKER"), "attribute_not_exists(PK)");
    assertThatThrownBy(
            () ->
                dynamo.transactWriteItems(
                    t -> t.clientRequestToken("token-3").transactItems(createMarker)))
        .isInstanceOf(TransactionCanceledException.class);
    dynamo.deleteItem(d -> d.tableName(table).key(key("ORG#1", "MARKER")));

    // when
    dynamo.transactWriteItems(t -> t.clientRequestToken("token-3").transactItems(createMarker));

    // then
    assertThat(getItem(key("ORG#1", "MARKER"))).isNotEmpty();
  }

  private void putItem(Map<String, AttributeValue> item) {
    dynamo.putItem(p -> p.tableName(table).item(item));
  }

  private Map<String, AttributeValue> getItem(Map<String, AttributeValue> key) {
    return dynamo.getItem(g -> g.tableName(table).key(key).consistentRead(true)).item();
  }

  private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
    return TransactWriteItem.builder()
        .put(Put.builder().tableName(table).item(item).conditionExpression(condition).build())
        .build();
  }

  private TransactWriteItem update(
      Map<String, AttributeValue> key,
      String expression,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String condition,
      Map<String, AttributeValue> conditionValues) {
    Map<String, AttributeValue> allValues = new HashMap<>(values);
    allValues.putAll(conditionValues);
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(table)
                .key(key)
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(allValues.isEmpty() ? null : allValues)
                .build())
        .build();
  }

  private TransactWriteItem delete(Map<String, AttributeValue> key) {
    return TransactWriteItem.builder()
        .delete(Delete.builder().tableName(table).key(key).build())
        .build();
  }

  private TransactWriteItem conditionCheck(
      Map<String, AttributeValue> key, String condition, Map<String, String> names, String value) {
    return TransactWriteItem.builder()
        .conditionCheck(
            ConditionCheck.builder()
                .tableName(table)
                .key(key)
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(value, s("active")))
                .build())
        .build();
  }
}
