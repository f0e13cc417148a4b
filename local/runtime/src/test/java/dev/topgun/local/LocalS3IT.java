package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.aws.AwsClientConfigurer;
import dev.topgun.shared.aws.S3Buckets;
import dev.topgun.shared.aws.S3Clients;
import dev.topgun.shared.routes.EventRules;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * The runtime's S3: the buckets it creates on start, and the settings it hands the functions, used
 * as a function would use them (shared-lib's {@link S3Clients} built from those settings).
 */
class LocalS3IT {

  @TempDir Path data;

  @Test
  void start_createsTheAssetsAndTheVersionedStateBucket_andPointsTheFunctionsAtThem()
      throws Exception {
    // given
    try (LocalRuntime runtime = LocalRuntime.start(config(data));
        S3Client s3 = functionsClient(runtime.systemProperties())) {
      Map<String, String> properties = runtime.systemProperties();

      // when
      S3Buckets buckets =
          new S3Buckets(
              properties.get(S3Buckets.ASSETS_PROPERTY), properties.get(S3Buckets.STATE_PROPERTY));
      s3.putObject(b -> b.bucket(buckets.assets()).key("logo"), RequestBody.fromString("logo"));

      // then
      assertThat(properties).containsEntry("topgun.endpoints.s3", runtime.s3Endpoint().toString());
      assertThat(runtime.s3Endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(buckets).isEqualTo(runtime.buckets());
      assertThat(buckets.assets()).isEqualTo("topgun-assets");
      assertThat(buckets.state()).isEqualTo("topgun-state");
      assertThat(s3.getBucketVersioning(b -> b.bucket(buckets.state())).status())
          .isEqualTo(BucketVersioningStatus.ENABLED);
      assertThat(s3.getBucketVersioning(b -> b.bucket(buckets.assets())).status()).isNull();
      HttpResponse<Void> preflight =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(runtime.s3Endpoint() + "/" + buckets.assets() + "/logo"))
                      .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                      .header("Origin", "http://localhost:8080")
                      .header("Access-Control-Request-Method", "PUT")
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      assertThat(preflight.statusCode()).isEqualTo(200);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      assertThat(s3.getObjectAsBytes(b -> b.bucket(buckets.assets()).key("logo")).asUtf8String())
          .isEqualTo("logo");
      assertThat(runtime.banner(Duration.ZERO))
          .contains("S3            " + runtime.s3Endpoint(), "topgun-state versioned");
    }
  }

  @Test
  void aRestart_keepsObjectsAndVersions_andFreshStartsEmpty() {
    // given
    String firstVersion;
    try (LocalRuntime runtime = LocalRuntime.start(config(data));
        S3Client s3 = functionsClient(runtime.systemProperties())) {
      String state = runtime.buckets().state();
      firstVersion =
          s3.putObject(b -> b.bucket(state).key("run/1.tfstate"), RequestBody.fromString("1"))
              .versionId();
      s3.putObject(b -> b.bucket(state).key("run/1.tfstate"), RequestBody.fromString("2"));
    }

    // when
    try (LocalRuntime runtime = LocalRuntime.start(config(data));
        S3Client s3 = functionsClient(runtime.systemProperties())) {
      String state = runtime.buckets().state();

      // then
      assertThat(s3.getObjectAsBytes(b -> b.bucket(state).key("run/1.tfstate")).asUtf8String())
          .isEqualTo("2");
      assertThat(
              s3.getObjectAsBytes(b -> b.bucket(state).key("run/1.tfstate").versionId(firstVersion))
                  .asUtf8String())
          .isEqualTo("1");
      assertThat(s3.getBucketVersioning(b -> b.bucket(state)).status())
          .isEqualTo(BucketVersioningStatus.ENABLED);
    }
    try (LocalRuntime runtime = LocalRuntime.start(config(data).withFresh(true));
        S3Client s3 = functionsClient(runtime.systemProperties())) {
      assertThat(s3.listObjectVersions(b -> b.bucket(runtime.buckets().state())).versions())
          .isEmpty();
    }
  }

  /** The client a function builds from the runtime's system properties. */
  private static S3Client functionsClient(Map<String, String> properties) {
    return S3Clients.client(
        new AwsClientConfigurer(
            Region.of(properties.get("topgun.region")),
            Map.of("s3", URI.create(properties.get("topgun.endpoints.s3"))),
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    properties.get("aws.accessKeyId"), properties.get("aws.secretAccessKey")))));
  }

  private static LocalConfig config(Path dir) {
    return LocalConfig.defaults()
        .withFreePorts()
        .withDataDir(dir)
        .withRules(EventRules.of(List.of()));
  }
}
