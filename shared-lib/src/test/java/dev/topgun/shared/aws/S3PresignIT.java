package dev.topgun.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.emulators.S3Emulator;
import dev.topgun.emulators.SharedEmulators;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link S3Clients}' presigner and {@link S3PostPolicies} against the local S3 emulator, used the
 * way a browser or curl uses them: plain HTTP with nothing but the URL (and the form).
 */
class S3PresignIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static AwsClientConfigurer aws;
  private static S3Client s3;
  private static S3Presigner presigner;
  private static String bucket;

  @BeforeAll
  static void setUp() {
    aws = configurer();
    s3 = S3Clients.client(aws);
    presigner = S3Clients.presigner(aws);
    bucket = "presign-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
  }

  @Test
  void aPresignedPut_takesAFileSentAsCurlSendsIt_andAPresignedGet_readsItBack(@TempDir Path dir)
      throws Exception {
    // given
    Path file = Files.writeString(dir.resolve("logo.svg"), "<svg>acme</svg>");
    URI put =
        presigner
            .presignPutObject(
                p ->
                    p.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(r -> r.bucket(bucket).key("brands/acme/logo.svg")))
            .url()
            .toURI();

    // when: what `curl -X PUT --upload-file logo.svg '<url>'` sends
    HttpResponse<String> uploaded =
        HTTP.send(
            HttpRequest.newBuilder(put)
                .expectContinue(true)
                .PUT(HttpRequest.BodyPublishers.ofFile(file))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    URI get =
        presigner
            .presignGetObject(
                p ->
                    p.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(r -> r.bucket(bucket).key("brands/acme/logo.svg")))
            .url()
            .toURI();
    HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(get).build(), ofString());

    // then
    assertThat(put.getPath()).isEqualTo("/" + bucket + "/brands/acme/logo.svg");
    assertThat(uploaded.statusCode()).isEqualTo(200);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("<svg>acme</svg>");
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket(bucket).key("brands/acme/logo.svg")).asUtf8String())
        .isEqualTo("<svg>acme</svg>");
  }

  @Test
  void aPresignedUrlPastItsExpiry_isAccessDenied() throws Exception {
    // given: signed by the SDK's own signer with a clock two hours back, valid for one hour
    s3.putObject(b -> b.bucket(bucket).key("old"), RequestBody.fromString("old"));
    URI expired =
        presignGetAt(Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1), "old");
    URI valid =
        presignGetAt(Instant.now().minus(Duration.ofMinutes(1)), Duration.ofHours(1), "old");

    // when
    HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(expired).build(), ofString());
    HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(valid).build(), ofString());

    // then
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("<Code>AccessDenied</Code>", "Request has expired");
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(accepted.body()).isEqualTo("old");
  }

  @Test
  void aPresignedUrlWithAnAlteredKey_isSignatureDoesNotMatch() throws Exception {
    // given
    s3.putObject(b -> b.bucket(bucket).key("mine"), RequestBody.fromString("mine"));
    s3.putObject(b -> b.bucket(bucket).key("other"), RequestBody.fromString("other"));
    String url =
        presigner
            .presignGetObject(
                p ->
                    p.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(r -> r.bucket(bucket).key("mine")))
            .url()
            .toString();

    // when
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url.replace("/mine?", "/other?"))).build(),
            ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .contains("<Code>SignatureDoesNotMatch</Code>")
        .doesNotContain("other<");
  }

  @Test
  void aPresignedPost_uploadsWithinItsPolicy() throws Exception {
    // given
    PresignedPost form =
        new S3PostPolicies(aws, Clock.systemUTC())
            .presign(
                bucket, "brands/acme/favicon.ico", "image/x-icon", 1024, Duration.ofMinutes(5));

    // when
    HttpResponse<String> response = post(form, form.fields(), "icon-bytes");

    // then
    assertThat(form.url().getPath()).isEqualTo("/" + bucket);
    assertThat(response.statusCode()).isEqualTo(204);
    var stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key("brands/acme/favicon.ico"));
    assertThat(stored.asUtf8String()).isEqualTo("icon-bytes");
    assertThat(stored.response().contentType()).isEqualTo("image/x-icon");
  }

  @Test
  void aPresignedPost_isRefused_whenExpired_tampered_orTooLarge() throws Exception {
    // given
    S3PostPolicies now = new S3PostPolicies(aws, Clock.systemUTC());
    S3PostPolicies earlier =
        new S3PostPolicies(
            aws, Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));
    PresignedPost expired =
        earlier.presign(bucket, "refused/a", "image/png", 1024, Duration.ofMinutes(5));
    PresignedPost valid = now.presign(bucket, "refused/b", "image/png", 4, Duration.ofMinutes(5));
    Map<String, String> otherKey = new LinkedHashMap<>(valid.fields());
    otherKey.put("key", "refused/elsewhere");
    Map<String, String> forgedPolicy = new LinkedHashMap<>(valid.fields());
    forgedPolicy.put("policy", valid.fields().get("policy").replace('A', 'B'));

    // when
    HttpResponse<String> afterExpiry = post(expired, expired.fields(), "png");
    HttpResponse<String> movedKey = post(valid, otherKey, "png");
    HttpResponse<String> forged = post(valid, forgedPolicy, "png");
    HttpResponse<String> tooLarge = post(valid, valid.fields(), "12345");

    // then
    assertThat(afterExpiry.statusCode()).isEqualTo(403);
    assertThat(afterExpiry.body()).contains("<Code>AccessDenied</Code>", "Policy expired");
    assertThat(movedKey.statusCode()).isEqualTo(403);
    assertThat(movedKey.body()).contains("<Code>AccessDenied</Code>", "Policy Condition failed");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    assertThat(tooLarge.statusCode()).isEqualTo(400);
    assertThat(tooLarge.body()).contains("<Code>EntityTooLarge</Code>");
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("refused/")).contents()).isEmpty();
  }

  @Test
  void theBeans_arePathStyle_againstTheOverriddenEndpoint_andNameTheConfiguredBuckets()
      throws Exception {
    // given
    Map<String, Object> properties =
        Map.of(
            "topgun.endpoints.s3",
            SharedEmulators.s3().toString(),
            "aws.accessKeyId",
            S3Emulator.ACCESS_KEY,
            "aws.secretAccessKey",
            S3Emulator.SECRET_KEY,
            "topgun.s3.assets-bucket",
            bucket,
            "topgun.aws.warm-up",
            "false");

    try (ApplicationContext context = ApplicationContext.run(properties)) {
      // when
      S3Client client = context.getBean(S3Client.class);
      S3Buckets buckets = context.getBean(S3Buckets.class);
      client.putObject(b -> b.bucket(buckets.assets()).key("bean"), RequestBody.fromString("ok"));
      URI url =
          context
              .getBean(S3Presigner.class)
              .presignGetObject(
                  p ->
                      p.signatureDuration(Duration.ofMinutes(1))
                          .getObjectRequest(r -> r.bucket(buckets.assets()).key("bean")))
              .url()
              .toURI()
              .resolve("/");

      // then
      assertThat(buckets.assets()).isEqualTo(bucket);
      assertThat(buckets.state()).isEqualTo(S3Buckets.DEFAULT_STATE);
      assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("bean")).asUtf8String())
          .isEqualTo("ok");
      assertThat(url).isEqualTo(SharedEmulators.s3().resolve("/"));
    }
  }

  private static AwsClientConfigurer configurer() {
    return new AwsClientConfigurer(
        Region.US_EAST_1,
        Map.of("s3", SharedEmulators.s3()),
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(S3Emulator.ACCESS_KEY, S3Emulator.SECRET_KEY)));
  }

  private static URI presignGetAt(Instant signedAt, Duration validFor, String key) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.GET)
            .uri(URI.create(SharedEmulators.s3() + "/" + bucket + "/" + key))
            .build();
    return AwsV4HttpSigner.create()
        .sign(
            r ->
                r.identity(aws.credentials().resolveCredentials())
                    .request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(
                        AwsV4HttpSigner.AUTH_LOCATION,
                        AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validFor)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
        .request()
        .getUri();
  }

  /** A multipart/form-data POST as a browser sends the form: the fields, then the file last. */
  private static HttpResponse<String> post(
      PresignedPost form, Map<String, String> fields, String file) throws Exception {
    String boundary = "----topgun" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + field.getKey()
                  + "\"\r\n\r\n"
                  + field.getValue()
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n"
                + file
                + "\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        HttpRequest.newBuilder(form.url())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        ofString());
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
