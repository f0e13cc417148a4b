package dev.topgun.shared.http.idempotency;

import dev.topgun.shared.store.TopgunTable;
import dev.topgun.shared.time.Timestamps;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency records in the single table.
 *
 * <pre>
 * PK  IDEMPOTENCY#&lt;caller&gt;:&lt;METHOD&gt;:&lt;sha256(path)&gt;#&lt;key&gt;    SK  IDEMPOTENCY
 * type Idempotency, state IN_PROGRESS|COMPLETED, fingerprint, lockToken, lockedUntil (epoch ms),
 * status, headers (M of L), body (B), bodyOmitted, version, createdAt, updatedAt, ttl (epoch s)
 * </pre>
 *
 * A key is claimed with one conditional put, so of two concurrent requests exactly one wins.
 * Expired records count as absent (DynamoDB deletes by TTL only eventually), and so do in-progress
 * records whose lock has timed out (a function that died mid-request).
 */
@Singleton
public class IdempotencyStore {

  static final String SK = "IDEMPOTENCY";
  static final String TYPE = "Idempotency";
  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String COMPLETED = "COMPLETED";

  /** DynamoDB items are at most 400 KB; the rest of the record stays far below the difference. */
  static final int MAX_STORED_BODY_BYTES = 300 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyStore.class);
  private static final int CLAIM_ATTEMPTS = 3;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final IdempotencyConfiguration configuration;

  public IdempotencyStore(
      DynamoDbClient dynamoDb,
      TopgunTable table,
      Clock clock,
      IdempotencyConfiguration configuration) {
    this.dynamoDb = dynamoDb;
    this.table = table.name();
    this.clock = clock;
    this.configuration = configuration;
  }

  /** What claiming a key found. */
  public sealed interface Claim {
    /** The key is ours: run the request, then {@link #complete} or {@link #release}. */
    record Claimed(String pk, String lockToken) implements Claim {}

    /** The key answered this same request before: replay it. */
    record Replay(StoredResponse response) implements Claim {}

    /** The same request holds the key right now. */
    record InProgress() implements Claim {}

    /** The key was used for a different request. */
    record Mismatch() implements Claim {}
  }

  public Claim claim(String pk, String fingerprint, String method, String scope) {
    for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      String token = UUID.randomUUID().toString();
      Map<String, AttributeValue> item = new HashMap<>();
      item.put(TopgunTable.PK, s(pk));
      item.put(TopgunTable.SK, s(SK));
      item.put(TopgunTable.TYPE, s(TYPE));
      item.put(TopgunTable.VERSION, n(1));
      item.put(TopgunTable.CREATED_AT, s(Timestamps.format(now)));
      item.put(TopgunTable.UPDATED_AT, s(Timestamps.format(now)));
      item.put(TopgunTable.TTL, n(now.plus(configuration.getTtl()).getEpochSecond()));
      item.put("state", s(IN_PROGRESS));
      item.put("fingerprint", s(fingerprint));
      item.put("lockToken", s(token));
      item.put("lockedUntil", n(now.plus(configuration.getLockTimeout()).toEpochMilli()));
      item.put("method", s(method));
      item.put("scope", s(scope));
      try {
        dynamoDb.putItem(
            r ->
                r.tableName(table)
                    .item(item)
                    .conditionExpression(
                        "attribute_not_exists(#pk) OR #ttl < :nowSeconds"
                            + " OR (#state = :inProgress AND #lockedUntil < :nowMillis)")
                    .expressionAttributeNames(
                        Map.of(
                            "#pk",
                            TopgunTable.PK,
                            "#ttl",
                            TopgunTable.TTL,
                            "#state",
                            "state",
                            "#lockedUntil",
                            "lockedUntil"))
                    .expressionAttributeValues(
                        Map.of(
                            ":nowSeconds", n(now.getEpochSecond()),
                            ":inProgress", s(IN_PROGRESS),
                            ":nowMillis", n(now.toEpochMilli()))));
        return new Claim.Claimed(pk, token);
      } catch (ConditionalCheckFailedException taken) {
        Map<String, AttributeValue> existing =
            dynamoDb.getItem(r -> r.tableName(table).key(key(pk)).consistentRead(true)).item();
        if (existing == null || existing.isEmpty()) {
          continue; // released or deleted in between: try to claim again
        }
        if (!fingerprint.equals(str(existing, "fingerprint"))) {
          return new Claim.Mismatch();
        }
        if (COMPLETED.equals(str(existing, "state"))) {
          return new Claim.Replay(response(existing));
        }
        return new Claim.InProgress();
      }
    }
    return new Claim.InProgress();
  }

  /** Keeps the first response for replays. */
  public void complete(Claim.Claimed claim, StoredResponse response) {
    Instant now = clock.instant();
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":completed", s(COMPLETED));
    values.put(":status", n(response.status()));
    values.put(":headers", headers(response.headers()));
    values.put(":updatedAt", s(Timestamps.format(now)));
    values.put(":token", s(claim.lockToken()));
    values.put(":one", n(1));
    boolean omitted = response.body() != null && response.body().length > MAX_STORED_BODY_BYTES;
    values.put(":omitted", AttributeValue.fromBool(omitted));
    String set =
        "SET #state = :completed, #status = :status, #headers = :headers, #updatedAt = :updatedAt,"
            + " #bodyOmitted = :omitted, #version = #version + :one";
    Map<String, String> names = new HashMap<>();
    names.put("#state", "state");
    names.put("#status", "status");
    names.put("#headers", "headers");
    names.put("#updatedAt", TopgunTable.UPDATED_AT);
    names.put("#bodyOmitted", "bodyOmitted");
    names.put("#version", TopgunTable.VERSION);
    names.put("#lockToken", "lockToken");
    names.put("#lockedUntil", "lockedUntil");
    if (response.body() != null && !omitted) {
      set += ", #body = :body";
      names.put("#body", "body");
      values.put(":body", AttributeValue.fromB(SdkBytes.fromByteArray(response.body())));
    }
    String update = set + " REMOVE #lockedUntil";
    try {
      dynamoDb.updateItem(
          r ->
              r.tableName(table)
                  .key(key(claim.pk()))
                  .updateExpression(update)
                  .conditionExpression("#lockToken = :token")
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values));
    } catch (ConditionalCheckFailedException lost) {
      LOG.warn(
          "Idempotency record {} was taken over before the request completed; its response is"
              + " not kept",
          claim.pk());
    }
  }

  /** Forgets the key, so that the client may retry (the request failed on our side). */
  public void release(Claim.Claimed claim) {
    try {
      dynamoDb.deleteItem(
          r ->
              r.tableName(table)
                  .key(key(claim.pk()))
                  .conditionExpression("#lockToken = :token")
                  .expressionAttributeNames(Map.of("#lockToken", "lockToken"))
                  .expressionAttributeValues(Map.of(":token", s(claim.lockToken()))));
    } catch (ConditionalCheckFailedException lost) {
      LOG.warn("Idempotency record {} was taken over before it was released", claim.pk());
    }
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of(TopgunTable.PK, s(pk), TopgunTable.SK, s(SK));
  }

  private static StoredResponse response(Map<String, AttributeValue> item) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    AttributeValue stored = item.get("headers");
    if (stored != null && stored.hasM()) {
      stored
          .m()
          .forEach(
              (name, values) ->
                  headers.put(name, values.l().stream().map(AttributeValue::s).toList()));
    }
    AttributeValue body = item.get("body");
    return new StoredResponse(
        Integer.parseInt(item.get("status").n()),
        headers,
        body == null ? null : body.b().asByteArray());
  }

  private static AttributeValue headers(Map<String, List<String>> headers) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    // Lists, not string sets: a header's values keep their order and may repeat.
    headers.forEach(
        (name, values) -> {
          if (!values.isEmpty()) {
            m.put(name, AttributeValue.fromL(values.stream().map(IdempotencyStore::s).toList()));
          }
        });
    return AttributeValue.fromM(m);
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
