package dev.topgun.infra.data;

import dev.topgun.infra.config.FunctionModule;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.nag.Suppress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
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
 * CloudFront (by the branding function today; a bucket origin with origin access control could read
 * S3-managed objects without a grant on a customer key), and a KMS request per logo would buy no
 * protection for public files.
 *
 * <p>Only functions whose Lambda jar carries the S3 client (shared-lib declares the S3 SDK
 * optional) use the buckets, and each only as {@link #ACCESS} declares for it: which bucket, which
 * key prefix, which object actions. It gets those actions on {@code <bucket>/<prefix>*} and the
 * names of those buckets only: see {@link #grantObjects} and {@link #settings(FunctionModule)}.
 */
public final class ObjectBuckets extends Construct {

  /** The environment variables the functions read as {@code topgun.s3.assets-bucket} etc. */
  public static final String ASSETS_VARIABLE = "TOPGUN_S3_ASSETS_BUCKET";

  public static final String STATE_VARIABLE = "TOPGUN_S3_STATE_BUCKET";

  /** The object actions an {@link ObjectAccess} may name: no bucket actions, no ACLs, no tags. */
  static final List<String> OBJECT_ACTIONS =
      List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");

  /** The two buckets, by the role they play. */
  public enum Kind {
    ASSETS(ASSETS_VARIABLE),
    STATE(STATE_VARIABLE);

    private final String variable;

    Kind(String variable) {
      this.variable = variable;
    }

    /** The environment variable that carries this bucket's name to a function that may use it. */
    public String variable() {
      return variable;
    }
  }

  /**
   * What a function may do with one bucket: {@code actions} on the objects whose keys start with
   * {@code prefix}, nothing on the bucket itself and nothing elsewhere in it.
   *
   * @param prefix a key prefix ending in {@code /}: a grant never covers a whole bucket
   * @param actions some of {@link #OBJECT_ACTIONS}; {@code s3:GetObject} also authorizes HeadObject
   */
  public record ObjectAccess(Kind bucket, String prefix, List<String> actions) {

    private static final Pattern PREFIX = Pattern.compile("([a-z0-9][a-z0-9-]*/)+");

    public ObjectAccess {
      if (bucket == null) {
        throw new IllegalArgumentException("an object access names its bucket");
      }
      if (prefix == null || !PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException(
            "an object access's prefix is one or more [a-z0-9-] folders, each ending in /: "
                + prefix);
      }
      if (actions == null || actions.isEmpty() || !OBJECT_ACTIONS.containsAll(actions)) {
        throw new IllegalArgumentException(
            "an object access's actions are some of " + OBJECT_ACTIONS + ": " + actions);
      }
      actions = List.copyOf(actions);
    }

    /** The objects it covers, as IAM names them: {@code <prefix>*} under the bucket's ARN. */
    String objects() {
      return prefix + "*";
    }
  }

  /**
   * The one place a function's use of the buckets is declared. A function whose jar carries the S3
   * client must have an entry (the synth fails without one), and an entry must name such a
   * function, so no function gets the buckets by carrying a dependency.
   */
  public static final Map<String, List<ObjectAccess>> ACCESS =
      Map.of(
          // Logos, favicons and theme stylesheets under branding/<owner>/ (S3AssetStore): names are
          // content-addressed and written once, so reads and writes, never deletes.
          "branding",
          List.of(
              new ObjectAccess(Kind.ASSETS, "branding/", List.of("s3:GetObject", "s3:PutObject"))));

  private final Bucket assets;
  private final Bucket state;
  private final IKey key;
  private final SortedMap<String, List<ObjectAccess>> users;

  /**
   * @param functions every function module; those whose jar carries the S3 client use the buckets
   *     as {@link #ACCESS} declares for them
   */
  public ObjectBuckets(
      Construct scope,
      String id,
      StageConfig stage,
      IKey dataKey,
      IBucket accessLogs,
      Collection<FunctionModule> functions) {
    this(scope, id, stage, dataKey, accessLogs, functions, ACCESS);
  }

  /** As above, with {@code access} in place of {@link #ACCESS} (tests). */
  ObjectBuckets(
      Construct scope,
      String id,
      StageConfig stage,
      IKey dataKey,
      IBucket accessLogs,
      Collection<FunctionModule> functions,
      Map<String, List<ObjectAccess>> access) {
    super(scope, id);
    this.key = dataKey;
    this.users = Collections.unmodifiableSortedMap(users(functions, access));
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

  /**
   * The functions that use the buckets and what each may do: every function whose jar carries the
   * S3 client, none other, each as {@code access} declares.
   *
   * @throws IllegalStateException when such a function has no entry in {@code access}, or an entry
   *     names a function without the S3 client
   */
  static SortedMap<String, List<ObjectAccess>> users(
      Collection<FunctionModule> functions, Map<String, List<ObjectAccess>> access) {
    SortedMap<String, List<ObjectAccess>> users = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    Set<String> withoutS3 = new TreeSet<>(access.keySet());
    for (FunctionModule function : functions) {
      if (!function.hasS3Client()) {
        continue;
      }
      withoutS3.remove(function.name());
      List<ObjectAccess> declared = access.get(function.name());
      if (declared == null || declared.isEmpty()) {
        problems.add(
            function.name()
                + "'s jar carries the S3 client but ObjectBuckets.ACCESS declares nothing for it;"
                + " add the bucket, key prefix and object actions it needs");
      } else {
        users.put(function.name(), List.copyOf(declared));
      }
    }
    for (String name : withoutS3) {
      problems.add(
          "ObjectBuckets.ACCESS lists "
              + name
              + ", but no function module of that name carries the S3 client in its jar");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
    return users;
  }

  /** Function name → what it may do with the buckets; functions not listed may do nothing. */
  public SortedMap<String, List<ObjectAccess>> users() {
    return users;
  }

  /**
   * The names of the buckets {@code function} may use, as the environment variables the functions
   * read ({@code topgun.s3.assets-bucket} etc.); none for a function that may use none.
   */
  public Map<String, String> settings(FunctionModule function) {
    Map<String, String> settings = new TreeMap<>();
    for (ObjectAccess access : users.getOrDefault(function.name(), List.of())) {
      settings.put(access.bucket().variable(), bucket(access.bucket()).getBucketName());
    }
    return settings;
  }

  /**
   * The declared object actions on the declared prefixes for {@code function}, plus the data key
   * through S3 only when it may use the state bucket (the assets bucket needs no key); nothing for
   * any other function. On the grantee's side, so this stack does not depend on the functions'.
   */
  public void grantObjects(FunctionModule function, IRole grantee) {
    List<ObjectAccess> declared = users.get(function.name());
    if (declared == null) {
      return;
    }
    Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    List<String> findings = new ArrayList<>();
    List<String> granted = new ArrayList<>();
    for (ObjectAccess access : declared) {
      Bucket bucket = bucket(access.bucket());
      grantee
          .getGrantPrincipal()
          .addToPrincipalPolicy(
              PolicyStatement.Builder.create()
                  .actions(access.actions())
                  .resources(List.of(bucket.arnForObjects(access.objects())))
                  .build());
      kinds.add(access.bucket());
      // The finding names the bucket by its logical id, as <Id.Arn>/<prefix>* in this stack and
      // through the export's name from another: the id is in both.
      findings.add(
          "/^Resource::.*"
              + logicalId(bucket)
              + ".*\\/"
              + access.prefix().replace("/", "\\/")
              + "\\*$/");
      granted.add(
          String.join(", ", access.actions())
              + " under "
              + access.prefix()
              + " of the "
              + access.bucket().name().toLowerCase(Locale.ROOT)
              + " bucket");
    }
    if (kinds.contains(Kind.STATE)) {
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
    }
    Suppress.onMatching(
        grantee.getNode().findChild("DefaultPolicy"),
        "IAM5",
        "Object actions apply to keys, which IAM names only as <bucket ARN>/<prefix>*; this role"
            + " may "
            + String.join("; ", granted)
            + ", and nothing else in the object buckets.",
        findings.toArray(String[]::new));
  }

  private Bucket bucket(Kind kind) {
    return switch (kind) {
      case ASSETS -> assets;
      case STATE -> state;
    };
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
