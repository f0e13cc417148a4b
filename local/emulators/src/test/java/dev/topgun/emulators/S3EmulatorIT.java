package dev.topgun.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 emulator through the AWS SDK for Java v2 with its default settings (SigV4, chunked uploads
 * with CRC32 trailers), and through plain HTTP where the SDK would not send what is tested.
 */
class S3EmulatorIT {

  private static S3Emulator shared;
  private static S3Client s3;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    shared = S3Emulator.start(0, null);
    s3 = client(shared.endpoint(), S3Emulator.SECRET_KEY);
  }

  @AfterAll
  static void stop() {
    s3.close();
    shared.close();
  }

  @Test
  void anObject_isKeptAcrossARestart_ofTheSameDataDirectory(@TempDir Path dataDir) {
    // given
    try (S3Emulator first = S3Emulator.start(0, dataDir);
        S3Client client = client(first.endpoint(), S3Emulator.SECRET_KEY)) {
      client.createBucket(b -> b.bucket("assets"));
      client.putObject(
          b -> b.bucket("assets").key("brands/acme/logo.svg").contentType("image/svg+xml"),
          RequestBody.fromString("<svg/>"));
    }

    // when
    try (S3Emulator second = S3Emulator.start(0, dataDir);
        S3Client client = client(second.endpoint(), S3Emulator.SECRET_KEY)) {

      // then
      var object = client.getObjectAsBytes(b -> b.bucket("assets").key("brands/acme/logo.svg"));
      assertThat(object.asUtf8String()).isEqualTo("<svg/>");
      assertThat(object.response().contentType()).isEqualTo("image/svg+xml");
    }
  }

  @Test
  void aVersionedBucket_keepsEveryVersion_andADeleteHidesTheObjectBehindAMarker() {
    // given
    String bucket = bucket();
    s3.putBucketVersioning(
        b ->
            b.bucket(bucket)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    String v1 =
        s3.putObject(b -> b.bucket(bucket).key("run.tfstate"), RequestBody.fromString("1"))
            .versionId();
    String v2 =
        s3.putObject(b -> b.bucket(bucket).key("run.tfstate"), RequestBody.fromString("2"))
            .versionId();

    // when
    var marker = s3.deleteObject(b -> b.bucket(bucket).key("run.tfstate"));

    // then
    assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status())
        .isEqualTo(BucketVersioningStatus.ENABLED);
    assertThat(List.of(v1, v2, marker.versionId())).doesNotHaveDuplicates().doesNotContain("null");
    assertThat(marker.deleteMarker()).isTrue();
    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("run.tfstate")))
        .isInstanceOf(NoSuchKeyException.class);
    assertThat(read(bucket, "run.tfstate", v1)).isEqualTo("1");
    assertThat(read(bucket, "run.tfstate", v2)).isEqualTo("2");
    ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket(bucket));
    assertThat(versions.versions()).extracting(ObjectVersion::versionId).containsExactly(v2, v1);
    assertThat(versions.versions()).noneMatch(ObjectVersion::isLatest);
    assertThat(versions.deleteMarkers())
        .singleElement()
        .satisfies(m -> assertThat(m.isLatest()).isTrue());
  }

  @Test
  void deletingTheDeleteMarker_bringsBackTheVersionBeforeIt() {
    // given
    String bucket = bucket();
    s3.putBucketVersioning(
        b ->
            b.bucket(bucket)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("kept"));
    String marker = s3.deleteObject(b -> b.bucket(bucket).key("k")).versionId();

    // when
    s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(marker));

    // then
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String())
        .isEqualTo("kept");
  }

  @Test
  void aMultipartUpload_isAssembledFromItsParts() {
    // given
    String bucket = bucket();
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("big")).uploadId();
    byte[] first = new byte[5 * 1024 * 1024];
    first[0] = 'a';
    String etag1 =
        s3.uploadPart(
                b -> b.bucket(bucket).key("big").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(first))
            .eTag();
    String etag2 =
        s3.uploadPart(
                b -> b.bucket(bucket).key("big").uploadId(uploadId).partNumber(2),
                RequestBody.fromString("end"))
            .eTag();

    // when
    s3.completeMultipartUpload(
        b ->
            b.bucket(bucket)
                .key("big")
                .uploadId(uploadId)
                .multipartUpload(
                    m ->
                        m.parts(
                            CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                            CompletedPart.builder().partNumber(2).eTag(etag2).build())));

    // then
    byte[] object = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big")).asByteArray();
    assertThat(object).hasSize(first.length + 3);
    assertThat(object[0]).isEqualTo((byte) 'a');
    assertThat(new String(object, first.length, 3, StandardCharsets.UTF_8)).isEqualTo("end");
  }

  @Test
  void anUnsignedRequest_isAccessDenied_asS3sXmlError() throws Exception {
    // given
    String bucket = bucket();
    s3.putObject(b -> b.bucket(bucket).key("private"), RequestBody.fromString("secret"));

    // when
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(shared.endpoint() + "/" + bucket + "/private"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/xml"));
    assertThat(response.body()).contains("<Code>AccessDenied</Code>").doesNotContain("secret");
  }

  @Test
  void aWrongSecret_isSignatureDoesNotMatch() {
    // given
    try (S3Client wrong = client(shared.endpoint(), "not-the-secret")) {

      // when / then
      assertThatThrownBy(() -> wrong.listBuckets())
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
              });
    }
  }

  @Test
  void aBodyThatDoesNotMatchItsContentMd5_isBadDigest_andLeavesTheObjectAsItWas() {
    // given
    String bucket = bucket();
    s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("before"));
    String md5OfSomethingElse = Base64.getEncoder().encodeToString(new byte[16]);

    // when / then
    assertThatThrownBy(
            () ->
                s3.putObject(
                    b -> b.bucket(bucket).key("k").contentMD5(md5OfSomethingElse),
                    RequestBody.fromString("after")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String())
        .isEqualTo("before");
  }

  @Test
  void malformedVersioningXml_isMalformedXml_andAnUnknownBucket_isNoSuchBucket() throws Exception {
    // given
    String bucket = bucket();

    // when
    var malformed =
        assertThatThrownBy(
            () ->
                s3.putBucketVersioning(
                    b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Sometimes"))));
    var unknown = assertThatThrownBy(() -> s3.listObjectVersions(b -> b.bucket("no-such-bucket")));

    // then
    malformed.isInstanceOfSatisfying(
        S3Exception.class,
        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedXML"));
    unknown.isInstanceOfSatisfying(
        S3Exception.class,
        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));
  }

  private static String bucket() {
    String name = "b-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(name));
    return name;
  }

  private static String read(String bucket, String key, String versionId) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)).asUtf8String();
  }

  private static S3Client client(URI endpoint, String secret) {
    return S3Client.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3Emulator.ACCESS_KEY, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
