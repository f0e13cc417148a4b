package dev.topgun.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The DynamoDB emulator's test-only controls (not AWS operations): make DynamoDB's transaction
 * conflicts happen on demand, so that code handling {@code TransactionConflict} and {@code
 * TransactionConflictException} can be tested. Keys name string attributes only ({@code PK}, {@code
 * SK}), as every Topgun key is a string.
 *
 * <pre>{@code
 * DynamoDbControl.at(endpoint).injectTransactionConflicts("topgun", Map.of("PK", pk, "SK", sk), 1);
 * }</pre>
 */
public final class DynamoDbControl {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI endpoint;

  private DynamoDbControl(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** The controls of the emulator at {@code endpoint} (the SDK's endpoint override). */
  public static DynamoDbControl at(URI endpoint) {
    return new DynamoDbControl(endpoint);
  }

  /**
   * Makes the next {@code count} transactions (TransactWriteItems or TransactGetItems) that touch
   * the item fail with {@code TransactionCanceledException}: {@code TransactionConflict} for the
   * item's action, {@code None} for the others; {@code count} 0 disarms.
   */
  public void injectTransactionConflicts(String table, Map<String, String> key, int count) {
    ObjectNode body = request(table, key);
    body.put("Count", count);
    call("InjectTransactionConflicts", body);
  }

  /** How many of the conflicts armed for the item no transaction has met yet. */
  public int remainingTransactionConflicts(String table, Map<String, String> key) {
    return call("DescribeTransactionConflicts", request(table, key)).path("Remaining").asInt();
  }

  /**
   * Takes the item's lock as a transaction in flight would, for {@code duration} (at most a
   * minute), and returns once it holds it. Meanwhile transactions and writes on the item wait, or,
   * with {@link DynamoDbEmulator.Options#transactionConflicts()}, fail with DynamoDB's conflicts.
   */
  public void holdItem(String table, Map<String, String> key, Duration duration) {
    ObjectNode body = request(table, key);
    body.put("DurationMs", duration.toMillis());
    call("HoldItem", body);
  }

  private static ObjectNode request(String table, Map<String, String> key) {
    ObjectNode body = JSON.createObjectNode();
    body.put("TableName", table);
    ObjectNode keyNode = body.putObject("Key");
    key.forEach((name, value) -> keyNode.putObject(name).put("S", value));
    return body;
  }

  private JsonNode call(String operation, ObjectNode body) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(90))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "TopgunLocal." + operation)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode answer = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        throw new IllegalArgumentException(
            operation
                + " refused: "
                + answer.path("__type").asText()
                + ": "
                + answer.path("message").asText());
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the DynamoDB emulator at " + endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while calling the DynamoDB emulator", e);
    }
  }
}
