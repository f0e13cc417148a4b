package dev.topgun.local;

import dev.topgun.shared.aws.S3Buckets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The functions' buckets in the S3 emulator, made as infra-cdk's {@code ObjectBuckets} makes them
 * in AWS: {@code assets} with the CORS rule that lets browsers upload with presigned requests, and
 * {@code state} with versioning enabled. Created when missing; settings are applied on every start.
 */
final class BucketSetup {

  private static final Logger LOG = LoggerFactory.getLogger(BucketSetup.class);

  private BucketSetup() {}

  static void ensure(S3Client s3, S3Buckets buckets) {
    create(s3, buckets.assets());
    s3.putBucketCors(
        request ->
            request
                .bucket(buckets.assets())
                .corsConfiguration(
                    cors ->
                        cors.corsRules(
                            CORSRule.builder()
                                .allowedMethods("PUT", "POST", "GET")
                                .allowedOrigins("*")
                                .allowedHeaders("*")
                                .exposeHeaders("ETag")
                                .maxAgeSeconds(3000)
                                .build())));
    create(s3, buckets.state());
    s3.putBucketVersioning(
        request ->
            request
                .bucket(buckets.state())
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
  }

  private static void create(S3Client s3, String bucket) {
    try {
      s3.headBucket(request -> request.bucket(bucket));
    } catch (NoSuchBucketException e) {
      s3.createBucket(request -> request.bucket(bucket));
      LOG.info("created bucket {}", bucket);
    }
  }
}
