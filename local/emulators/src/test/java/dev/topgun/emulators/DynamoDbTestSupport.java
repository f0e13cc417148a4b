package dev.topgun.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A real SDK client against an emulator, and a table shaped like Topgun's. */
final class DynamoDbTestSupport {

  static final String GSI1 = "GSI1";

  private DynamoDbTestSupport() {}

  /**
   * Retries are off so that every answer the tests see is the emulator's own, not a retry's. Closed
   * by the JVM's exit: the tests share one client per class.
   */
  static DynamoDbClient client(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** Like {@link #client}, for the DynamoDB Streams API on the same endpoint. */
  static DynamoDbStreamsClient streamsClient(URI endpoint) {
    return DynamoDbStreamsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** A new table (PK, SK, GSI1 on GSI1PK/GSI1SK), active when this returns. */
  static String createTable(DynamoDbClient client) {
    return createTable(client, t -> {});
  }

  /** Like {@link #createTable(DynamoDbClient)}, with more settings (a stream, say). */
  static String createTable(DynamoDbClient client, Consumer<CreateTableRequest.Builder> more) {
    String name = "t-" + UUID.randomUUID();
    client.createTable(
        t -> {
          t.tableName(name)
              .billingMode(BillingMode.PAY_PER_REQUEST)
              .attributeDefinitions(
                  attribute("PK"), attribute("SK"), attribute("GSI1PK"), attribute("GSI1SK"))
              .keySchema(key("PK", KeyType.HASH), key("SK", KeyType.RANGE))
              .globalSecondaryIndexes(
                  GlobalSecondaryIndex.builder()
                      .indexName(GSI1)
                      .keySchema(key("GSI1PK", KeyType.HASH), key("GSI1SK", KeyType.RANGE))
                      .projection(p -> p.projectionType(ProjectionType.ALL))
                      .build());
          more.accept(t);
        });
    client
        .waiter()
        .waitUntilTableExists(
            r -> r.tableName(name),
            o ->
                o.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(100)))
                    .maxAttempts(300)
                    .waitTimeout(Duration.ofSeconds(30)));
    return name;
  }

  /** Polls {@code condition} a tenth of a second apart until it holds; fails at the deadline. */
  static void await(String what, Duration within, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + within + " for " + what);
      }
      Thread.sleep(100);
    }
  }

  /** The exception {@code call} throws, failing the test unless it is a {@code type}. */
  static <T extends Throwable> T thrown(Class<T> type, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(type);
    return type.cast(thrown);
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put("PK", s(pk));
    key.put("SK", s(sk));
    return key;
  }

  /** An item with the given key plus alternating attribute names and values. */
  static Map<String, AttributeValue> item(String pk, String sk, Object... attributes) {
    Map<String, AttributeValue> item = key(pk, sk);
    for (int i = 0; i < attributes.length; i += 2) {
      Object value = attributes[i + 1];
      item.put(
          (String) attributes[i],
          value instanceof Number number ? n(number.longValue()) : s(value.toString()));
    }
    return item;
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
