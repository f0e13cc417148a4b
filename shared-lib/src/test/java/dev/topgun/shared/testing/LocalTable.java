package dev.topgun.shared.testing;

import dev.topgun.emulators.SharedEmulators;
import dev.topgun.shared.aws.AwsClientConfigurer;
import dev.topgun.shared.store.TopgunTable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * A fresh table ({@code topgun-<random>}) in this JVM's shared local DynamoDB, for one test class:
 *
 * <pre>{@code
 * @RegisterExtension static final LocalTable TABLE = new LocalTable();
 * }</pre>
 *
 * The table is created on first use (so a Micronaut {@code TestPropertyProvider} may ask for {@link
 * #properties()} before JUnit calls any extension) and deleted after the class. Function modules
 * get it from shared-lib's test-jar (with {@code dev.topgun:emulators} as a test dependency).
 */
public final class LocalTable implements AfterAllCallback {

  public static final Region REGION = Region.US_EAST_1;
  public static final String ACCESS_KEY_ID = "local";
  public static final String SECRET_ACCESS_KEY = "local";

  private final String name = "topgun-" + UUID.randomUUID().toString().substring(0, 8);
  private URI endpoint;
  private AwsClientConfigurer configurer;
  private DynamoDbClient client;
  private DynamoDbEnhancedClient enhancedClient;

  /** The table's name. */
  public String name() {
    ensureCreated();
    return name;
  }

  public TopgunTable table() {
    return new TopgunTable(name());
  }

  public URI endpoint() {
    ensureCreated();
    return endpoint;
  }

  /** A configurer pointing at the local DynamoDB, for building other clients. */
  public AwsClientConfigurer configurer() {
    ensureCreated();
    return configurer;
  }

  public DynamoDbClient client() {
    ensureCreated();
    return client;
  }

  public DynamoDbEnhancedClient enhancedClient() {
    ensureCreated();
    return enhancedClient;
  }

  /**
   * The configuration an application context needs to use this table: {@code topgun.table}, {@code
   * topgun.region}, {@code topgun.endpoints.dynamodb}, {@code aws.accessKeyId}, {@code
   * aws.secretAccessKey}.
   */
  public Map<String, String> properties() {
    ensureCreated();
    return Map.of(
        "topgun.table", name,
        "topgun.region", REGION.id(),
        "topgun.endpoints.dynamodb", endpoint.toString(),
        "aws.accessKeyId", ACCESS_KEY_ID,
        "aws.secretAccessKey", SECRET_ACCESS_KEY);
  }

  private synchronized void ensureCreated() {
    if (client != null) {
      return;
    }
    endpoint = SharedEmulators.dynamoDb();
    configurer =
        new AwsClientConfigurer(
            REGION,
            Map.of("dynamodb", endpoint),
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)));
    DynamoDbClient created = configurer.configure(DynamoDbClient.builder(), "dynamodb").build();
    created.createTable(TopgunTable.createTableRequest(name));
    // The SDK's default waiter polls every 20 s; the emulator makes a table active in about 0.5 s.
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(created)
            .overrideConfiguration(
                w ->
                    w.backoffStrategyV2(
                            BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(25)))
                        .waitTimeout(Duration.ofSeconds(30)))
            .build()) {
      waiter
          .waitUntilTableExists(r -> r.tableName(name))
          .matched()
          .exception()
          .ifPresent(
              e -> {
                throw new IllegalStateException("Table " + name + " did not become active", e);
              });
    }
    enhancedClient = DynamoDbEnhancedClient.builder().dynamoDbClient(created).build();
    client = created;
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (client != null) {
      client.deleteTable(r -> r.tableName(name));
      client.close();
      client = null;
    }
  }
}
