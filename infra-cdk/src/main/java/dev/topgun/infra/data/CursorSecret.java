package dev.topgun.infra.data;

import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.nag.Suppress;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The HMAC key that signs pagination cursors ({@code topgun.cursors.secret}). Secrets Manager
 * generates it at deploy time; functions get only its ARN and read the value, so it never sits in
 * an environment variable, a template or this repository.
 */
public final class CursorSecret extends Construct {

  private final Secret secret;
  private final IKey key;

  public CursorSecret(Construct scope, String id, StageConfig stage, IKey key) {
    super(scope, id);
    this.key = key;
    this.secret =
        Secret.Builder.create(this, "Secret")
            .description("Topgun " + stage.name() + ": HMAC key of the pagination cursors")
            .encryptionKey(key)
            .generateSecretString(
                SecretStringGenerator.builder()
                    .passwordLength(64)
                    .excludePunctuation(true)
                    .includeSpace(false)
                    .build())
            .removalPolicy(stage.removalPolicy())
            .build();
    Suppress.on(
        secret,
        "SMG4",
        "Rotating the cursor key would invalidate every cursor in flight; rotation needs shared-lib"
            + " to verify with the previous key too, which it does not yet.");
  }

  public ISecret secret() {
    return secret;
  }

  /**
   * Lets {@code grantee} read the value. Both statements sit on the grantee's side (not the key's
   * policy), so this stack does not depend on each function's stack.
   */
  public void grantRead(IGrantable grantee) {
    grantee
        .getGrantPrincipal()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
                .resources(List.of(secret.getSecretArn()))
                .build());
    grantee
        .getGrantPrincipal()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(key.getKeyArn()))
                .conditions(
                    Map.of(
                        "StringEquals",
                        Map.of(
                            "kms:ViaService",
                            "secretsmanager." + Stack.of(this).getRegion() + ".amazonaws.com")))
                .build());
  }
}
