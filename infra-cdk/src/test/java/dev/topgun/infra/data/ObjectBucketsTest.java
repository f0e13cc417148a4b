package dev.topgun.infra.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.infra.Standalone;
import dev.topgun.infra.config.FunctionModule;
import dev.topgun.infra.config.StageConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/** Who may use the object buckets: decided by the jars, as for the envelope key. */
class ObjectBucketsTest {

  static final String S3_CLIENT = "software/amazon/awssdk/services/s3/S3Client.class";

  @TempDir static Path dir;
  static Standalone synthesized;

  @BeforeAll
  static void synth() throws IOException {
    FunctionModule branding = new FunctionModule("branding", jar("branding", S3_CLIENT));
    FunctionModule platform =
        new FunctionModule("platform", jar("platform", "dev/topgun/Other.class"));
    synthesized =
        Standalone.synth(
            dir.resolve("out"),
            stack -> {
              StageConfig stage = StageConfig.dev();
              DataKey key = new DataKey(stack, "DataKey", stage);
              AccessLogs logs = new AccessLogs(stack, "AccessLogs", stage);
              ObjectBuckets buckets =
                  new ObjectBuckets(stack, "Objects", stage, key.key(), logs.bucket());
              for (FunctionModule module : List.of(branding, platform)) {
                Role role =
                    Role.Builder.create(stack, module.pascalName() + "Role")
                        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                        .build();
                buckets.grantObjects(module, role);
              }
            });
  }

  @Test
  void aFunctionWhoseJarCarriesTheS3Client_mayGetPutAndDeleteObjects_andNothingMore() {
    synthesized
        .template()
        .hasResourceProperties(
            "AWS::IAM::Policy",
            Match.objectLike(
                Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("BrandingRole.*"))),
                    "PolicyDocument",
                        Match.objectLike(
                            Map.of(
                                "Statement",
                                Match.arrayWith(
                                    List.of(
                                        Match.objectLike(
                                            Map.of(
                                                "Action",
                                                List.of(
                                                    "s3:GetObject",
                                                    "s3:PutObject",
                                                    "s3:DeleteObject"),
                                                "Effect",
                                                "Allow")),
                                        Match.objectLike(
                                            Map.of(
                                                "Action",
                                                List.of("kms:Decrypt", "kms:GenerateDataKey"),
                                                "Condition",
                                                Map.of(
                                                    "StringEquals",
                                                    Map.of(
                                                        "kms:ViaService",
                                                        Match.anyValue())))))))))));
    String policies = String.valueOf(synthesized.template().findResources("AWS::IAM::Policy"));
    assertThat(policies).doesNotContain("s3:*", "s3:List", "s3:PutBucket");
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
