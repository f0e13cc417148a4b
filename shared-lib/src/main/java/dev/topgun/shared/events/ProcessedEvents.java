package dev.topgun.shared.events;

import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Leases;
import dev.topgun.shared.store.TopgunTable;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
 * A delivery claims the event as a {@link Leases lease}, so of two deliveries at once exactly one
 * wins. The claim is {@code IN_PROGRESS} until the consumer returns ({@link #complete}) or throws
 * ({@link #release}: the record is deleted, so the retry processes the event). A claim whose
 * function died mid-event (timeout, crash) is taken over once its lock has expired; records expire
 * after {@code topgun.events.processed-ttl} (7 days), far beyond EventBridge's and Lambda's retry
 * windows (at most 24 h and 6 h).
 *
 * <p>A prototype for the reason {@link EventDispatcher} is one; it holds nothing but its settings.
 */
@Prototype
public class ProcessedEvents {

  static final String PREFIX = "EVENT";
  static final String SK = "PROCESSED";
  static final String TYPE = "ProcessedEvent";

  /** Consumer names and event ids (ULIDs, UUIDs, class names) go into the key as they are. */
  private static final Pattern PLAIN_PART = Pattern.compile("[A-Za-z0-9._:$-]{1,128}");

  private static final Logger LOG = LoggerFactory.getLogger(ProcessedEvents.class);

  private final Leases leases;
  private final Clock clock;
  private final Duration ttl;

  public ProcessedEvents(
      DynamoDbClient dynamoDb,
      TopgunTable table,
      Clock clock,
      @Value("${topgun.events.processed-ttl:7d}") Duration ttl) {
    this.leases = new Leases(dynamoDb, table, clock);
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
    Leases.Claim claim =
        leases.claim(
            ItemKey.of(pk, SK),
            TYPE,
            Map.of("consumer", s(consumer), "eventId", s(eventId)),
            ttl,
            lockFor);
    if (claim instanceof Leases.Claim.Claimed claimed) {
      return new Claim.Claimed(pk, claimed.lockToken());
    }
    if (claim instanceof Leases.Claim.Held held) {
      if (Leases.completed(held.item())) {
        return new Claim.Done();
      }
      return new Claim.Busy(Leases.lockedUntil(held.item()).orElseGet(clock::instant));
    }
    return new Claim.Busy(clock.instant()); // released again at each attempt
  }

  /** The consumer has processed the event: later deliveries are acknowledged without it. */
  public void complete(Claim.Claimed claim) {
    if (!leases.complete(lease(claim), Map.of())) {
      LOG.warn("Processed-event record {} was taken over before it completed", claim.pk());
    }
  }

  /** The consumer failed: forget the claim, so that the next delivery processes the event. */
  public void release(Claim.Claimed claim) {
    if (!leases.release(lease(claim))) {
      LOG.warn("Processed-event record {} was taken over before it was released", claim.pk());
    }
  }

  private static Leases.Claim.Claimed lease(Claim.Claimed claim) {
    return new Leases.Claim.Claimed(ItemKey.of(claim.pk(), SK), claim.lockToken());
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

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
