package dev.topgun.infra.data;

import static dev.topgun.infra.Json.list;
import static dev.topgun.infra.Json.map;
import static dev.topgun.infra.Json.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.infra.Json;
import dev.topgun.infra.Standalone;
import dev.topgun.infra.Synth;
import dev.topgun.infra.config.Declarations;
import dev.topgun.infra.config.FunctionModule;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.data.ObjectBuckets.Kind;
import dev.topgun.infra.data.ObjectBuckets.ObjectAccess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/**
 * Who may use the object buckets, and how: decided by the jars, each user as declared for it (a
 * bucket, a key prefix, object actions), as for the envelope key.
 */
class ObjectBucketsTest {

  static final String S3_CLIENT = "software/amazon/awssdk/services/s3/S3Client.class";

  /** Declared uses for the sample functions: branding's own, and a state-bucket user. */
  static final Map<String, List<ObjectAccess>> ACCESS =
      Map.of(
          "branding",
          ObjectBuckets.ACCESS.get("branding"),
          "provisioning",
          List.of(
              new ObjectAccess(Kind.STATE, "terraform/", List.of("s3:GetObject", "s3:PutObject"))));

  @TempDir static Path dir;
  static Standalone synthesized;
  static Map<String, Map<String, String>> settings = new TreeMap<>();

  @BeforeAll
  static void synth() throws IOException {
    FunctionModule branding = new FunctionModule("branding", jar("branding", S3_CLIENT));
    FunctionModule provisioning =
        new FunctionModule("provisioning", jar("provisioning", S3_CLIENT));
    FunctionModule platform =
        new FunctionModule("platform", jar("platform", "dev/topgun/Other.class"));
    List<FunctionModule> modules = List.of(branding, provisioning, platform);
    synthesized =
        Standalone.synth(
            dir.resolve("out"),
            stack -> {
              StageConfig stage = StageConfig.dev();
              DataKey key = new DataKey(stack, "DataKey", stage);
              AccessLogs logs = new AccessLogs(stack, "AccessLogs", stage);
              ObjectBuckets buckets =
                  new ObjectBuckets(
                      stack, "Objects", stage, key.key(), logs.bucket(), modules, ACCESS);
              for (FunctionModule module : modules) {
                Role role =
                    Role.Builder.create(stack, module.pascalName() + "Role")
                        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                        .build();
                buckets.grantObjects(module, role);
                settings.put(module.name(), buckets.settings(module));
              }
            });
  }

  @Test
  void branding_mayGetAndPutObjects_underBrandingSlash_ofTheAssetsBucketOnly() {
    List<Map<String, Object>> statements = statementsOf("BrandingRole");

    assertThat(statements)
        .containsExactly(
            Map.of(
                "Action",
                List.of("s3:GetObject", "s3:PutObject"),
                "Effect",
                "Allow",
                "Resource",
                Map.of(
                    "Fn::Join",
                    List.of(
                        "",
                        List.of(
                            Map.of("Fn::GetAtt", List.of(bucketId("s3/assets/"), "Arn")),
                            "/branding/*")))));
    // no delete, no bucket action, no key: the assets bucket is S3-encrypted
    assertThat(statements.toString()).doesNotContain("s3:DeleteObject", "s3:List", "kms:");
  }

  @Test
  void aStateBucketUser_getsItsPrefix_andTheDataKeyThroughS3Only() {
    List<Map<String, Object>> statements = statementsOf("ProvisioningRole");

    assertThat(statements).hasSize(2);
    assertThat(statements.get(0))
        .containsEntry("Action", List.of("s3:GetObject", "s3:PutObject"))
        .extractingByKey("Resource")
        .asString()
        .contains(bucketId("s3/state/"), "/terraform/*");
    assertThat(statements.get(1))
        .containsEntry("Action", List.of("kms:Decrypt", "kms:GenerateDataKey"))
        .containsEntry(
            "Condition",
            Map.of(
                "StringEquals",
                Map.of(
                    "kms:ViaService",
                    Map.of(
                        "Fn::Join",
                        List.of("", List.of("s3.", Json.ref("AWS::Region"), ".amazonaws.com"))))));
  }

  @Test
  void eachUser_getsTheNamesOfItsBucketsOnly_andOthersNone() {
    assertThat(settings.get("branding")).containsOnlyKeys("TOPGUN_S3_ASSETS_BUCKET");
    assertThat(settings.get("provisioning")).containsOnlyKeys("TOPGUN_S3_STATE_BUCKET");
    assertThat(settings.get("platform")).isEmpty();
  }

  @Test
  void aFunctionWithoutTheS3Client_getsNoPolicyAtAll() {
    assertThat(String.valueOf(synthesized.template().findResources("AWS::IAM::Policy")))
        .doesNotContain("PlatformRole");
  }

  @Test
  void cdkNag_findsNoUnsuppressedError() {
    assertThat(synthesized.nagErrors()).isEmpty();
  }

  @Test
  void assetsBucket_letsBrowsersUploadWithPresignedRequests() {
    synthesized
        .template()
        .hasResourceProperties(
            "AWS::S3::Bucket",
            Match.objectLike(
                Map.of(
                    "CorsConfiguration",
                    Map.of(
                        "CorsRules",
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "AllowedMethods", List.of("PUT", "POST", "GET"),
                                    "AllowedOrigins", List.of("*"))))))));
  }

  @Test
  void builtJars_brandingCarriesTheS3Client_andUsesItsDeclaredAccess() {
    Declarations declarations = Declarations.fromRepository(Synth.ROOT);

    assertThat(ObjectBuckets.users(declarations.functions().values(), ObjectBuckets.ACCESS))
        .isEqualTo(
            Map.of(
                "branding",
                List.of(
                    new ObjectAccess(
                        Kind.ASSETS, "branding/", List.of("s3:GetObject", "s3:PutObject")))));
  }

  @Test
  void aJarWithTheS3Client_butNoDeclaredAccess_failsTheSynth() throws IOException {
    // given billing's jar carries the S3 client, and the access declares nothing for billing
    FunctionModule billing = new FunctionModule("billing", jar("billing", S3_CLIENT));

    // then
    assertThatThrownBy(() -> ObjectBuckets.users(List.of(billing), Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("billing's jar carries the S3 client")
        .hasMessageContaining("ObjectBuckets.ACCESS");
  }

  @Test
  void aDeclaredAccess_forAFunctionWithoutTheS3Client_failsTheSynth() throws IOException {
    // given branding's jar no longer carries the S3 client
    FunctionModule branding =
        new FunctionModule("branding", jar("branding-without-s3", "dev/topgun/Other.class"));

    // then
    assertThatThrownBy(() -> ObjectBuckets.users(List.of(branding), ObjectBuckets.ACCESS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ObjectBuckets.ACCESS lists branding")
        .hasMessageContaining("carries the S3 client");
  }

  @Test
  void anAccess_coversAFolderOfObjects_withObjectActions_never_aWholeBucket() {
    List<String> getPut = List.of("s3:GetObject", "s3:PutObject");
    for (String prefix : new String[] {"", "*", "/", "branding", "branding/*", "../branding/"}) {
      assertThatThrownBy(() -> new ObjectAccess(Kind.ASSETS, prefix, getPut))
          .as(prefix)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("prefix");
    }
    for (String action : new String[] {"s3:*", "s3:ListBucket", "s3:PutObjectAcl"}) {
      assertThatThrownBy(() -> new ObjectAccess(Kind.ASSETS, "branding/", List.of(action)))
          .as(action)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("actions");
    }
    assertThat(new ObjectAccess(Kind.ASSETS, "branding/css/", getPut).prefix())
        .isEqualTo("branding/css/");
  }

  /** The statements of the policies attached to the role whose logical id starts with it. */
  private static List<Map<String, Object>> statementsOf(String rolePrefix) {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Map<String, Object> policy :
        Json.resources(synthesized.json(), "AWS::IAM::Policy").values()) {
      if (list(properties(policy).get("Roles")).toString().contains("{Ref=" + rolePrefix)) {
        list(map(properties(policy).get("PolicyDocument")).get("Statement"))
            .forEach(statement -> statements.add(map(statement)));
      }
    }
    assertThat(statements).as(rolePrefix + " has policies").isNotEmpty();
    return statements;
  }

  /** The logical id of the object bucket that logs under {@code logPrefix}. */
  private static String bucketId(String logPrefix) {
    List<String> ids =
        Json.resources(
                synthesized.json(),
                (id, r) ->
                    "AWS::S3::Bucket".equals(r.get("Type"))
                        && String.valueOf(properties(r).get("LoggingConfiguration"))
                            .contains("LogFilePrefix=" + logPrefix))
            .keySet()
            .stream()
            .toList();
    assertThat(ids).hasSize(1);
    return ids.get(0);
  }

  private static Path jar(String name, String entry) throws IOException {
    Path jar = dir.resolve(name + "-lambda.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new ZipEntry(entry));
      out.write(new byte[] {0});
      out.closeEntry();
    }
    return jar;
  }
}
