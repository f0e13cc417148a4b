package dev.topgun.shared.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.topgun.shared.secrets.SecretsExtension;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns a query's LastEvaluatedKey into an opaque cursor and back.
 *
 * <p>A cursor is base64url(JSON of the key attributes ‖ 16 bytes of HMAC-SHA256). The MAC covers
 * the index and the queried partition as well as the key, so a cursor only decodes for the query it
 * came from. Decoding then checks the key itself: exactly the index's key attributes, all strings,
 * the partition attribute equal to the queried partition and the sort key within the query's sort
 * condition. That check alone keeps one tenant from paging into another's partition, so the MAC
 * secret guards integrity, not tenancy. It is {@code topgun.cursors.secret} (locally), else the
 * Secrets Manager secret {@code topgun.cursors.secret-arn} names (in AWS; read through the secrets
 * extension on the first cursor, not at start-up), else a fixed built-in key.
 */
@Singleton
public final class CursorCodec {

  private static final String DEFAULT_SECRET = "topgun-cursor-v1";
  private static final String MAC_ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 16;
  private static final int MAX_CURSOR_CHARS = 4096;
  private static final JsonFactory JSON = new JsonFactory();

  private final Supplier<String> secret;
  private volatile SecretKeySpec key;

  @Inject
  public CursorCodec(
      @Value("${topgun.cursors.secret:}") String secret,
      @Value("${topgun.cursors.secret-arn:}") @Nullable String secretArn,
      BeanProvider<SecretsExtension> secrets) {
    if (secret != null && !secret.isBlank()) {
      this.secret = () -> secret;
    } else if (secretArn != null && !secretArn.isBlank()) {
      this.secret = () -> secrets.get().secretString(secretArn);
    } else {
      this.secret = () -> DEFAULT_SECRET;
    }
  }

  /** A codec keyed by {@code secret}, or by the built-in key when it is blank. */
  public CursorCodec(String secret) {
    String effective = secret == null || secret.isBlank() ? DEFAULT_SECRET : secret;
    this.secret = () -> effective;
  }

  private SecretKeySpec key() {
    SecretKeySpec current = key;
    if (current == null) {
      current = new SecretKeySpec(secret.get().getBytes(StandardCharsets.UTF_8), MAC_ALGORITHM);
      key = current;
    }
    return current;
  }

  /** A codec with the built-in key, for code outside an application context. */
  public static CursorCodec withDefaultSecret() {
    return new CursorCodec(null);
  }

  /** The cursor for resuming {@code query} after {@code lastEvaluatedKey}. */
  public String encode(Query query, Map<String, AttributeValue> lastEvaluatedKey) {
    Map<String, String> keys = new TreeMap<>();
    for (Map.Entry<String, AttributeValue> e : lastEvaluatedKey.entrySet()) {
      if (e.getValue().s() == null) {
        throw new IllegalStateException("Key attribute " + e.getKey() + " is not a string");
      }
      keys.put(e.getKey(), e.getValue().s());
    }
    byte[] json = toJson(keys);
    byte[] mac = mac(query, json);
    byte[] cursor = Arrays.copyOf(json, json.length + MAC_BYTES);
    System.arraycopy(mac, 0, cursor, json.length, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor);
  }

  /**
   * The ExclusiveStartKey to resume {@code query} at {@code query.cursor()}.
   *
   * @throws InvalidCursorException when the cursor was not issued for this query
   */
  public Map<String, AttributeValue> decode(Query query) {
    String cursor = query.cursor();
    if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_CURSOR_CHARS) {
      throw new InvalidCursorException("missing or too long");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("not base64url", e);
    }
    if (bytes.length <= MAC_BYTES) {
      throw new InvalidCursorException("too short");
    }
    byte[] json = Arrays.copyOf(bytes, bytes.length - MAC_BYTES);
    byte[] mac = Arrays.copyOfRange(bytes, json.length, bytes.length);
    if (!MessageDigest.isEqual(mac, mac(query, json))) {
      throw new InvalidCursorException("not issued for this query");
    }
    Map<String, String> keys = fromJson(json);
    validate(query, keys);
    Map<String, AttributeValue> start = new HashMap<>();
    keys.forEach((name, value) -> start.put(name, AttributeValue.fromS(value)));
    return start;
  }

  private static void validate(Query query, Map<String, String> keys) {
    Index index = query.index();
    if (!keys.keySet().equals(index.lastKeyAttributes())) {
      throw new InvalidCursorException("key attributes do not match the queried index");
    }
    if (!query.partition().equals(keys.get(index.partitionKey()))) {
      throw new InvalidCursorException("issued for another partition");
    }
    if (query.sort() != null && !query.sort().admits(keys.get(index.sortKey()))) {
      throw new InvalidCursorException("outside the queried sort key range");
    }
  }

  private byte[] mac(Query query, byte[] json) {
    try {
      Mac mac = Mac.getInstance(MAC_ALGORITHM);
      mac.init(key());
      mac.update(query.index().name().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(query.partition().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Arrays.copyOf(mac.doFinal(json), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] toJson(Map<String, String> keys) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, String> e : keys.entrySet()) {
        json.writeStringField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Map<String, String> fromJson(byte[] bytes) {
    Map<String, String> keys = new HashMap<>();
    try (JsonParser json = JSON.createParser(bytes)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidCursorException("not a key object");
      }
      JsonToken token;
      while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        if (json.nextToken() != JsonToken.VALUE_STRING || keys.containsKey(name)) {
          throw new InvalidCursorException("malformed key attribute " + name);
        }
        keys.put(name, json.getText());
      }
      if (token != JsonToken.END_OBJECT || json.nextToken() != null) {
        throw new InvalidCursorException("trailing content");
      }
    } catch (IOException e) {
      throw new InvalidCursorException("not JSON", e);
    }
    return keys;
  }
}
