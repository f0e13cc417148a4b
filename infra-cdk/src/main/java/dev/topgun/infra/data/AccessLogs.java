package dev.topgun.infra.data;

import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.nag.Suppress;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/** The bucket that receives S3 server access logs and CloudFront standard logs. */
public final class AccessLogs extends Construct {

  private final Bucket bucket;

  public AccessLogs(Construct scope, String id, StageConfig stage) {
    super(scope, id);
    this.bucket =
        Bucket.Builder.create(this, "Bucket")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .enforceSsl(true)
            .encryption(BucketEncryption.S3_MANAGED)
            // CloudFront standard logging writes with an ACL grant, so ACLs stay possible here.
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .expiration(Duration.days(stage.production() ? 365 : 30))
                        .build()))
            .removalPolicy(stage.removalPolicy())
            .build();
    Suppress.on(
        bucket,
        "S1",
        "This is the access-log bucket itself; logging its own accesses into itself would loop.");
  }

  public IBucket bucket() {
    return bucket;
  }
}
