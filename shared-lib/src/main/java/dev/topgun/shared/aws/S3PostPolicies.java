package dev.topgun.shared.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Presigned POST forms (browser uploads with a policy), which the SDK v2's {@code S3Presigner} does
 * not make: the policy document and its Signature Version 4 signature as S3 documents them
 * ("Browser-Based Uploads Using POST"). Unlike a presigned PUT, the policy can bound the object's
 * size ({@code content-length-range}) and pin its content type, and S3 enforces both.
 */
@Singleton
@Requires(classes = S3Client.class)
public final class S3PostPolicies {

  /** S3 refuses presigned requests valid for longer than seven days. */
  public static final Duration MAX_VALIDITY = Duration.ofDays(7);

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final JsonFactory JSON = new JsonFactory();

  private final AwsClientConfigurer configurer;
  private final Clock clock;

  public S3PostPolicies(AwsClientConfigurer configurer, Clock clock) {
    this.configurer = configurer;
    this.clock = clock;
  }

  /**
   * A form that uploads exactly {@code key} into {@code bucket}, of type {@code contentType}, of at
   * most {@code maxBytes}, until {@code validFor} from now.
   *
   * @throws IllegalArgumentException for an empty key or type, a size below 1, or a validity that
   *     is not positive or exceeds {@link #MAX_VALIDITY}
   */
  public PresignedPost presign(
      String bucket, String key, String contentType, long maxBytes, Duration validFor) {
    if (key == null || key.isEmpty() || contentType == null || contentType.isBlank()) {
      throw new IllegalArgumentException("a key and a content type are needed");
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
    }
    if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_VALIDITY) > 0) {
      throw new IllegalArgumentException("validity must be within (0, 7 days]: " + validFor);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    AwsCredentials credentials = configurer.credentials().resolveCredentials();
    String date = AMZ_DATE.format(now).substring(0, 8);
    String region = configurer.regionName();
    String credential = credentials.accessKeyId() + "/" + date + "/" + region + "/s3/aws4_request";

    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", key);
    fields.put("Content-Type", contentType);
    fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
    fields.put("x-amz-credential", credential);
    fields.put("x-amz-date", AMZ_DATE.format(now));
    if (credentials instanceof AwsSessionCredentials session) {
      fields.put("x-amz-security-token", session.sessionToken());
    }
    String policy =
        Base64.getEncoder()
            .encodeToString(
                policy(bucket, fields, maxBytes, now.plus(validFor))
                    .getBytes(StandardCharsets.UTF_8));
    fields.put("policy", policy);
    fields.put(
        "x-amz-signature",
        HexFormat.of()
            .formatHex(
                hmac(
                    signingKey(credentials.secretAccessKey(), date, region),
                    policy.getBytes(StandardCharsets.UTF_8))));
    return new PresignedPost(bucketUrl(bucket, region), fields);
  }

  /** Every field sent, as an exact-match condition, plus the bucket and the size range. */
  private static String policy(
      String bucket, Map<String, String> fields, long maxBytes, Instant expiration) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("expiration", expiration.toString());
      json.writeArrayFieldStart("conditions");
      json.writeStartObject();
      json.writeStringField("bucket", bucket);
      json.writeEndObject();
      for (Map.Entry<String, String> field : fields.entrySet()) {
        json.writeStartObject();
        json.writeStringField(field.getKey(), field.getValue());
        json.writeEndObject();
      }
      json.writeStartArray();
      json.writeString("content-length-range");
      json.writeNumber(1);
      json.writeNumber(maxBytes);
      json.writeEndArray();
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private URI bucketUrl(String bucket, String region) {
    return configurer
        .endpoint("s3")
        .map(endpoint -> URI.create(stripSlash(endpoint.toString()) + "/" + bucket))
        .orElseGet(() -> URI.create("https://" + bucket + ".s3." + region + ".amazonaws.com/"));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static byte[] signingKey(String secret, String date, String region) {
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), bytes(date));
    key = hmac(key, bytes(region));
    key = hmac(key, bytes("s3"));
    return hmac(key, bytes("aws4_request"));
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM provides HmacSHA256", e);
    }
  }
}
