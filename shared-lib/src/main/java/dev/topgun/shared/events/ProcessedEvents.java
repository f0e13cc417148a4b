package dev.topgun.shared.events;

import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.TopgunTable;
import dev.topgun.shared.time.Timestamps;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The record that a consumer has taken an event, so that EventBridge's at-least-once delivery
 * reaches each consumer exactly once.
 *
 * <pre>
 * PK  EVENT#&lt;consumer&gt;#&lt;eventId&gt;    SK  PROCESSED
 * type ProcessedEvent, consumer, eventId, state IN_PROGRESS|COMPLETED, lockToken, lockedUntil
 * (epoch ms, while in progress), version, createdAt, updatedAt, ttl (epoch s)
 * </pre>
 *
 * A delivery claims the event with one conditional put ({@code attribute_not_exists(PK)}), so of
 * two deliveries at once exactly one wins. The claim is {@code IN_PROGRESS} until the consumer
 * returns ({@link #complete}) or throws ({@link #release}: the record is deleted, so the retry
 * processes the event). A claim whose function died mid-event (timeout, crash) is taken over once
 * its lock has expired; records expire after {@code topgun.events.processed-ttl} (7 days), far
 * beyond EventBridge's and Lambda's retry windows (at most 24 h and 6 h).
 *
 * <p>A prototype for the reason {@link EventDispatcher} is one; it holds nothing but its settings.
 */
@Prototype
public class ProcessedEvents {

  static final String PREFIX = "EVENT";
  static final String SK = "PROCESSED";
  static final String TYPE = "ProcessedEvent";
  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String COMPLETED = "COMPLETED";

  /** Consumer names and event ids (ULIDs, UUIDs, class names) go into the key as they are. */
  private static final Pattern PLAIN_PART = Pattern.compile("[A-Za-z0-9._:$-]{1,128}");

  private static final int CLAIM_ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(ProcessedEvents.class);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final Duration ttl;

  public ProcessedEvents(
      DynamoDbClient dynamoDb,
      TopgunTable table,
      Clock clock,
      @Value("${topgun.events.processed-ttl:7d}") Duration ttl) {
    this.dynamoDb = dynamoDb;
    this.table = table.name();
    this.clock = clock;
    this.ttl = ttl;
  }

  /** What claiming an event for a consumer found. */
  public sealed interface Claim {

    /** The event is this delivery's to process: then {@link #complete} or {@link #release}. */
    record Claimed(String pk, String lockToken) implements Claim {}

    /** The consumer has processed the event already: acknowledge the delivery. */
    record Done() implements Claim {}

    /** Another delivery of the event is being processed right now, until {@code lockedUntil}. */
    record Busy(Instant lockedUntil) implements Claim {}
  }

  /**
   * Claims {@code eventId} for {@code consumer}, for at most {@code lockFor} (the time the function
   * has left): after that another delivery may take it over.
   */
  public Claim claim(String consumer, String eventId, Duration lockFor) {
    String pk = pk(consumer, eventId);
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
      item.put(TopgunTable.TTL, n(now.plus(ttl).getEpochSecond()));
      item.put("consumer", s(consumer));
      item.put("eventId", s(eventId));
      item.put("state", s(IN_PROGRESS));
      item.put("lockToken", s(token));
      item.put("lockedUntil", n(now.plus(lockFor).toEpochMilli()));
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
          continue; // released in between: claim again
        }
        if (COMPLETED.equals(str(existing, "state"))) {
          return new Claim.Done();
        }
        AttributeValue until = existing.get("lockedUntil");
        return new Claim.Busy(
            until == null ? now : Instant.ofEpochMilli(Long.parseLong(until.n())));
      }
    }
    return new Claim.Busy(clock.instant());
  }

  /** The consumer has processed the event: later deliveries are acknowledged without it. */
  public void complete(Claim.Claimed claim) {
    try {
      dynamoDb.updateItem(
          r ->
              r.tableName(table)
                  .key(key(claim.pk()))
                  .updateExpression(
                      "SET #state = :completed, #updatedAt = :now, #version = #version + :one"
                          + " REMOVE #lockedUntil")
                  .conditionExpression("#lockToken = :token")
                  .expressionAttributeNames(
                      Map.of(
                          "#state", "state",
                          "#updatedAt", TopgunTable.UPDATED_AT,
                          "#version", TopgunTable.VERSION,
                          "#lockedUntil", "lockedUntil",
                          "#lockToken", "lockToken"))
                  .expressionAttributeValues(
                      Map.of(
                          ":completed", s(COMPLETED),
                          ":now", s(Timestamps.format(clock.instant())),
                          ":one", n(1),
                          ":token", s(claim.lockToken()))));
    } catch (ConditionalCheckFailedException lost) {
      LOG.warn("Processed-event record {} was taken over before it completed", claim.pk());
    }
  }

  /** The consumer failed: forget the claim, so that the next delivery processes the event. */
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
      LOG.warn("Processed-event record {} was taken over before it was released", claim.pk());
    }
  }

  /**
   * {@code EVENT#<consumer>#<eventId>}; a part that is not a plain name or id (or is too long for a
   * key) is replaced by its SHA-256.
   */
  public static String pk(String consumer, String eventId) {
    return Keys.of(PREFIX, keyPart(consumer), keyPart(eventId));
  }

  static Map<String, AttributeValue> key(String pk) {
    return Map.of(TopgunTable.PK, s(pk), TopgunTable.SK, s(SK));
  }

  private static String keyPart(String value) {
    if (value != null && PLAIN_PART.matcher(value).matches()) {
      return value;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
      return "sha256-" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
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
