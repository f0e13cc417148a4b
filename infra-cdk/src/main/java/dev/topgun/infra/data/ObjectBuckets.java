package dev.topgun.infra.data;

import dev.topgun.infra.config.FunctionModule;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.nag.Suppress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The functions' object buckets: {@code assets} (brand logos and favicons, which CloudFront will
 * serve) and {@code state} (workflow state such as Terraform state, versioned). Both block all
 * public access, refuse plain HTTP, disable ACLs and log their accesses to the access-log bucket.
 *
 * <p>Encryption differs on purpose. The state bucket is encrypted with the {@link DataKey} (with an
 * S3 Bucket Key, so S3 asks KMS once per key and bucket rather than per object): Terraform state
 * holds secrets of the servers it built, and the key's policy and CloudTrail then cover reads of
 * it. The assets bucket uses S3-managed keys: its objects are published to anyone through
 * CloudFront, which reads S3-managed objects through origin access control without a grant on a
 * customer key, and a KMS request per logo would buy no protection for public files.
 *
 * <p>Only functions whose Lambda jar carries the S3 client (shared-lib declares the S3 SDK
 * optional) get the bucket names and {@code s3:GetObject}, {@code s3:PutObject} and {@code
 * s3:DeleteObject} on the objects: see {@link #grantObjects}.
 */
public final class ObjectBuckets extends Construct {

  /** The environment variables the functions read as {@code topgun.s3.assets-bucket} etc. */
  public static final String ASSETS_VARIABLE = "TOPGUN_S3_ASSETS_BUCKET";

  public static final String STATE_VARIABLE = "TOPGUN_S3_STATE_BUCKET";

  static final List<String> OBJECT_ACTIONS =
      List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");

  private final Bucket assets;
  private final Bucket state;
  private final IKey key;

  public ObjectBuckets(
      Construct scope, String id, StageConfig stage, IKey dataKey, IBucket accessLogs) {
    super(scope, id);
    this.key = dataKey;
    this.assets =
        Bucket.Builder.create(this, "Assets")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .enforceSsl(true)
            .encryption(BucketEncryption.S3_MANAGED)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            // Browsers upload logos straight to S3 with presigned URLs and POST policies: the
            // signature authorizes the upload, CORS only lets the browser send it.
            .cors(
                List.of(
                    CorsRule.builder()
                        .allowedMethods(List.of(HttpMethods.PUT, HttpMethods.POST, HttpMethods.GET))
                        .allowedOrigins(List.of("*"))
                        .allowedHeaders(List.of("*"))
                        .exposedHeaders(List.of("ETag"))
                        .maxAge(3000)
                        .build()))
            .lifecycleRules(List.of(abortIncompleteUploads()))
            .serverAccessLogsBucket(accessLogs)
            .serverAccessLogsPrefix("s3/assets/")
            .removalPolicy(stage.removalPolicy())
            .build();
    this.state =
        Bucket.Builder.create(this, "State")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .enforceSsl(true)
            .encryption(BucketEncryption.KMS)
            .encryptionKey(dataKey)
            .bucketKeyEnabled(true)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .versioned(true)
            .lifecycleRules(
                List.of(
                    abortIncompleteUploads(),
                    // Old states are for recovery from a bad run: kept for a while, then expired.
                    LifecycleRule.builder()
                        .id("ExpireOldVersions")
                        .noncurrentVersionExpiration(Duration.days(stage.production() ? 365 : 30))
                        .noncurrentVersionsToRetain(stage.production() ? 20 : 5)
                        .expiredObjectDeleteMarker(true)
                        .build()))
            .serverAccessLogsBucket(accessLogs)
            .serverAccessLogsPrefix("s3/state/")
            .removalPolicy(stage.removalPolicy())
            .build();
  }

  private static LifecycleRule abortIncompleteUploads() {
    return LifecycleRule.builder()
        .id("AbortIncompleteUploads")
        .abortIncompleteMultipartUploadAfter(Duration.days(7))
        .build();
  }

  /** The bucket settings a function gets when it may use the buckets ({@link #grantObjects}). */
  public Map<String, String> settings() {
    Map<String, String> settings = new TreeMap<>();
    settings.put(ASSETS_VARIABLE, assets.getBucketName());
    settings.put(STATE_VARIABLE, state.getBucketName());
    return settings;
  }

  /** Whether {@code function} uses the buckets: its jar carries the S3 client. */
  public static boolean uses(FunctionModule function) {
    return function.hasS3Client();
  }

  /**
   * Object reads, writes and deletes on both buckets, and the data key through S3 only, for a
   * function whose jar carries the S3 client; nothing for any other function. On the grantee's
   * side, so this stack does not depend on the functions' stack.
   */
  public void grantObjects(FunctionModule function, IRole grantee) {
    if (!uses(function)) {
      return;
    }
    grantee
        .getGrantPrincipal()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .actions(OBJECT_ACTIONS)
                .resources(List.of(assets.arnForObjects("*"), state.arnForObjects("*")))
                .build());
    grantee
        .getGrantPrincipal()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of(key.getKeyArn()))
                .conditions(
                    Map.of(
                        "StringEquals",
                        Map.of(
                            "kms:ViaService",
                            "s3." + Stack.of(this).getRegion() + ".amazonaws.com")))
                .build());
    // The finding names the bucket by its logical id, as <Id.Arn>/* in this stack and through the
    // export's name from another: the id is in both.
    Suppress.onMatching(
        grantee.getNode().findChild("DefaultPolicy"),
        "IAM5",
        "Object actions apply to the objects of a bucket, which IAM names only as <bucket ARN>/*;"
            + " the actions are limited to get, put and delete on the two object buckets.",
        "/^Resource::.*" + logicalId(assets) + ".*\\/\\*$/",
        "/^Resource::.*" + logicalId(state) + ".*\\/\\*$/");
  }

  private static String logicalId(Bucket bucket) {
    return Stack.of(bucket).getLogicalId((CfnElement) bucket.getNode().getDefaultChild());
  }

  public IBucket assets() {
    return assets;
  }

  public IBucket state() {
    return state;
  }
}
