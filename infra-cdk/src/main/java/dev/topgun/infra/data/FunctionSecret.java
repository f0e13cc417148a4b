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
 * A secret the functions read at run time through the Parameters and Secrets extension: they get
 * only its ARN (as {@code TOPGUN_..._SECRET_ARN}), never the value, so it never sits in an
 * environment variable, a template or this repository. Encrypted with the data key.
 */
public final class FunctionSecret extends Construct {

  private final Secret secret;
  private final IKey key;

  /**
   * @param value how Secrets Manager generates the first value at deploy time
   * @param noRotation why the secret is not rotated automatically (cdk-nag SMG4)
   */
  public FunctionSecret(
      Construct scope,
      String id,
      StageConfig stage,
      IKey key,
      String description,
      SecretStringGenerator value,
      String noRotation) {
    super(scope, id);
    this.key = key;
    this.secret =
        Secret.Builder.create(this, "Secret")
            .description("Topgun " + stage.name() + ": " + description)
            .encryptionKey(key)
            .generateSecretString(value)
            .removalPolicy(stage.removalPolicy())
            .build();
    Suppress.on(secret, "SMG4", noRotation);
  }

  /** The HMAC key of the pagination cursors ({@code topgun.cursors.secret-arn}). */
  public static FunctionSecret cursorKey(Construct scope, StageConfig stage, IKey key) {
    return new FunctionSecret(
        scope,
        "CursorSecret",
        stage,
        key,
        "HMAC key of the pagination cursors",
        SecretStringGenerator.builder()
            .passwordLength(64)
            .excludePunctuation(true)
            .includeSpace(false)
            .build(),
        "Rotating the cursor key would invalidate every cursor in flight; rotation needs shared-lib"
            + " to verify with the previous key too, which it does not yet.");
  }

  /**
   * The SES SMTP credentials {@code {"username", "password"}} the functions send mail with ({@code
   * topgun.mail.credentials-secret-arn}). Deployed with a placeholder user name: the operator puts
   * the SMTP credentials SES issues into it (README, "Deploy to AWS").
   */
  public static FunctionSecret mailCredentials(Construct scope, StageConfig stage, IKey key) {
    return new FunctionSecret(
        scope,
        "MailCredentials",
        stage,
        key,
        "SES SMTP credentials {username, password} for outgoing mail",
        SecretStringGenerator.builder()
            .secretStringTemplate("{\"username\":\"replace-with-the-ses-smtp-username\"}")
            .generateStringKey("password")
            .excludePunctuation(true)
            .build(),
        "SES SMTP credentials are issued by SES for an IAM user and replaced by the operator;"
            + " Secrets Manager cannot rotate them without a rotation function, not built yet.");
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
