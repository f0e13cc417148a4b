package dev.topgun.shared.http.idempotency;

import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Leases;
import dev.topgun.shared.store.TopgunTable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Idempotency records in the single table.
 *
 * <pre>
 * PK  IDEMPOTENCY#&lt;caller&gt;:&lt;METHOD&gt;:&lt;sha256(path)&gt;#&lt;key&gt;    SK  IDEMPOTENCY
 * type Idempotency, state IN_PROGRESS|COMPLETED, fingerprint, lockToken, lockedUntil (epoch ms),
 * status, headers (M of L), body (B), bodyOmitted, version, createdAt, updatedAt, ttl (epoch s)
 * </pre>
 *
 * A key is claimed as a {@link Leases lease}, so of two concurrent requests exactly one wins.
 * Expired records count as absent (DynamoDB deletes by TTL only eventually), and so do in-progress
 * records whose lock has timed out (a function that died mid-request).
 */
@Singleton
public class IdempotencyStore {

  static final String SK = "IDEMPOTENCY";
  static final String TYPE = "Idempotency";

  /** DynamoDB items are at most 400 KB; the rest of the record stays far below the difference. */
  static final int MAX_STORED_BODY_BYTES = 300 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyStore.class);

  private final Leases leases;
  private final IdempotencyConfiguration configuration;

  public IdempotencyStore(
      DynamoDbClient dynamoDb,
      TopgunTable table,
      Clock clock,
      IdempotencyConfiguration configuration) {
    this.leases = new Leases(dynamoDb, table, clock);
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
    Leases.Claim claim =
        leases.claim(
            ItemKey.of(pk, SK),
            TYPE,
            Map.of("fingerprint", s(fingerprint), "method", s(method), "scope", s(scope)),
            configuration.getTtl(),
            configuration.getLockTimeout());
    if (claim instanceof Leases.Claim.Claimed claimed) {
      return new Claim.Claimed(pk, claimed.lockToken());
    }
    if (claim instanceof Leases.Claim.Held held) {
      Map<String, AttributeValue> existing = held.item();
      if (!fingerprint.equals(str(existing, "fingerprint"))) {
        return new Claim.Mismatch();
      }
      if (Leases.completed(existing)) {
        return new Claim.Replay(response(existing));
      }
    }
    return new Claim.InProgress();
  }

  /** Keeps the first response for replays. */
  public void complete(Claim.Claimed claim, StoredResponse response) {
    Map<String, AttributeValue> kept = new HashMap<>();
    kept.put("status", n(response.status()));
    kept.put("headers", headers(response.headers()));
    boolean omitted = response.body() != null && response.body().length > MAX_STORED_BODY_BYTES;
    kept.put("bodyOmitted", AttributeValue.fromBool(omitted));
    if (response.body() != null && !omitted) {
      kept.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(response.body())));
    }
    if (!leases.complete(lease(claim), kept)) {
      LOG.warn(
          "Idempotency record {} was taken over before the request completed; its response is"
              + " not kept",
          claim.pk());
    }
  }

  /** Forgets the key, so that the client may retry (the request failed on our side). */
  public void release(Claim.Claimed claim) {
    if (!leases.release(lease(claim))) {
      LOG.warn("Idempotency record {} was taken over before it was released", claim.pk());
    }
  }

  private static Leases.Claim.Claimed lease(Claim.Claimed claim) {
    return new Leases.Claim.Claimed(ItemKey.of(claim.pk(), SK), claim.lockToken());
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
