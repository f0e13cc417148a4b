package dev.topgun.infra.data;

import dev.topgun.infra.config.FunctionModule;
import dev.topgun.infra.config.StageConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The customer managed key the functions seal their own secrets under (shared-lib's {@code
 * Envelope}: {@code GenerateDataKey} and {@code Decrypt}, called by the function itself), apart
 * from the {@link DataKey}, which only DynamoDB and Secrets Manager use on the functions' behalf.
 * It has a policy of its own, narrower than the data key's:
 *
 * <ul>
 *   <li>the account administers it through IAM (so it can never be locked out), but its key policy
 *       lets no one encrypt or decrypt merely by holding {@code kms:Decrypt} on {@code *};
 *   <li>{@code GenerateDataKey} and {@code Decrypt} are allowed only to the roles of the functions
 *       whose jar carries the KMS client, each only with an encryption context whose {@code
 *       purpose} is one {@link #PURPOSES} lists for it; their roles get the same grant.
 * </ul>
 *
 * <p>It is kept in every stage when its stack is deleted: values sealed under it would otherwise
 * become unreadable once KMS deletes it. Its alias is not kept, so a stack deployed again after a
 * deletion creates a new key under the same alias.
 */
public final class EnvelopeKey extends Construct {

  /**
   * The encryption context {@code purpose} values each function seals under: the one place a new
   * use of the key is declared. A function whose jar carries the KMS client must have an entry (the
   * synth fails without one), so no function gets an unconditioned grant.
   */
  public static final Map<String, List<String>> PURPOSES =
      Map.of(
          // SigningKeys: the Ed25519 license-signing private keys, context {purpose, kid}.
          "licensing", List.of("license-signing"));

  /** What {@code Envelope} calls: nothing else, so no {@code Encrypt}, no {@code ReEncrypt}. */
  public static final List<String> USE_ACTIONS = List.of("kms:GenerateDataKey", "kms:Decrypt");

  /**
   * Key administration, for the account (IAM decides who): the actions of CDK's {@code grantAdmin}
   * with {@code kms:CreateAlias} instead of {@code kms:Create*}, so that no one is handed {@code
   * kms:CreateGrant} on this key by the key policy.
   */
  static final List<String> ADMIN_ACTIONS =
      List.of(
          "kms:CreateAlias",
          "kms:Describe*",
          "kms:Enable*",
          "kms:List*",
          "kms:Put*",
          "kms:Update*",
          "kms:Revoke*",
          "kms:Disable*",
          "kms:Get*",
          "kms:Delete*",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:ScheduleKeyDeletion",
          "kms:CancelKeyDeletion");

  static final String PURPOSE_CONDITION = "kms:EncryptionContext:purpose";

  private final Key key;
  private final String aliasName;
  private final SortedMap<String, List<String>> users;

  /**
   * @param functions every function module; those whose jar carries the KMS client may use the key
   */
  public EnvelopeKey(
      Construct scope, String id, StageConfig stage, Collection<FunctionModule> functions) {
    super(scope, id);
    this.users = Collections.unmodifiableSortedMap(users(functions));
    this.aliasName = "alias/" + stage.resourceName("envelope");
    PolicyDocument policy = new PolicyDocument();
    policy.addStatements(
        PolicyStatement.Builder.create()
            .sid("KeyAdministration")
            .principals(List.of(new AccountRootPrincipal()))
            .actions(ADMIN_ACTIONS)
            .resources(List.of("*"))
            .build());
    for (FunctionModule function : functions) {
      List<String> purposes = users.get(function.name());
      if (purposes == null) {
        continue;
      }
      // The account as principal with the role in a condition: KMS refuses a key policy that
      // names a role not created yet, and the functions' roles are created after this stack.
      policy.addStatements(
          PolicyStatement.Builder.create()
              .sid("EnvelopeEncryptionBy" + function.pascalName())
              .principals(List.of(new AccountRootPrincipal()))
              .actions(USE_ACTIONS)
              .resources(List.of("*"))
              .conditions(
                  Map.of(
                      "ArnEquals",
                      Map.of("aws:PrincipalArn", roleArn(function.resourceName(stage))),
                      "StringEquals",
                      Map.of(PURPOSE_CONDITION, oneOrMany(purposes))))
              .build());
    }
    this.key =
        Key.Builder.create(this, "Key")
            .description(
                "Topgun " + stage.name() + ": envelope encryption of the functions' secrets")
            .enableKeyRotation(true)
            .policy(policy)
            .pendingWindow(Duration.days(30))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    Alias.Builder.create(this, "Alias")
        .aliasName(aliasName)
        .targetKey(key)
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
  }

  /**
   * The functions that may use the key and the {@code purpose} values each may use it for: every
   * function whose jar carries the KMS client, none other.
   *
   * @throws IllegalStateException when such a function has no {@link #PURPOSES} entry, or an entry
   *     names a function without the KMS client
   */
  static SortedMap<String, List<String>> users(Collection<FunctionModule> functions) {
    SortedMap<String, List<String>> users = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    Set<String> withoutKms = new TreeSet<>(PURPOSES.keySet());
    for (FunctionModule function : functions) {
      List<String> purposes = PURPOSES.get(function.name());
      if (function.hasKmsClient()) {
        withoutKms.remove(function.name());
        if (purposes == null || purposes.isEmpty()) {
          problems.add(
              function.name()
                  + "'s jar carries the KMS client but EnvelopeKey.PURPOSES declares no purpose"
                  + " for it; add the encryption context purpose values it seals under");
        } else {
          users.put(function.name(), List.copyOf(purposes));
        }
      }
    }
    for (String name : withoutKms) {
      problems.add(
          "EnvelopeKey.PURPOSES lists "
              + name
              + ", but no function module of that name carries the KMS client in its jar");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
    return users;
  }

  /**
   * Lets {@code grantee}, the role of {@code function}, generate and decrypt data keys under this
   * key with the purposes declared for it; a function that is not one of {@link #users()} gets
   * nothing.
   */
  public void grantUse(FunctionModule function, IGrantable grantee) {
    List<String> purposes = users.get(function.name());
    if (purposes == null) {
      return;
    }
    // On the grantee's side, as for the other keys: this stack must not depend on the functions'.
    grantee
        .getGrantPrincipal()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .actions(USE_ACTIONS)
                .resources(List.of(key.getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of(PURPOSE_CONDITION, oneOrMany(purposes))))
                .build());
  }

  /**
   * The value of the functions' {@code topgun.kms.key-id}: the stage's alias. KMS resolves it to
   * the key for {@code GenerateDataKey}; {@code Decrypt} reads the key from the sealed value.
   */
  public String keyIdSetting() {
    return aliasName;
  }

  /** Function name → the {@code purpose} values it may seal under. */
  public SortedMap<String, List<String>> users() {
    return users;
  }

  public Key key() {
    return key;
  }

  /** A condition value: the string itself when there is one, as IAM writes it, else the list. */
  private static Object oneOrMany(List<String> values) {
    return values.size() == 1 ? values.get(0) : values;
  }

  private String roleArn(String roleName) {
    return Arn.format(
        ArnComponents.builder()
            .service("iam")
            .region("")
            .resource("role")
            .resourceName(roleName)
            .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
            .build(),
        Stack.of(this));
  }
}
