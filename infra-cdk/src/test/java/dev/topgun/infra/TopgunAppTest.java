package dev.topgun.infra;

import static dev.topgun.infra.Json.list;
import static dev.topgun.infra.Json.map;
import static dev.topgun.infra.Json.properties;
import static dev.topgun.infra.Json.resources;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.infra.config.FunctionModule;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.data.SingleTable;
import dev.topgun.shared.routes.EventRules;
import dev.topgun.shared.routes.PathTemplate;
import dev.topgun.shared.routes.Route;
import dev.topgun.shared.routes.WebSocketApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The properties of the deployed platform that matter, read from one synthesis of both stages built
 * from the real route table, event rules, state machines and Lambda jars.
 */
class TopgunAppTest {

  @TempDir static Path outdir;
  static Synth.Synthesized app;

  @BeforeAll
  static void synthesize() {
    app = Synth.topgun(outdir, false);
  }

  // ---- data ----

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void table_hasTheSharedKeySchemaIndexesStreamTtlPitrAndItsOwnKey(String stage) {
    Template data = app.template("Topgun-" + stage + "-Data");
    data.hasResourceProperties(
        "AWS::DynamoDB::Table",
        Match.objectLike(
            Map.of(
                "TableName", "topgun-" + stage,
                "BillingMode", "PAY_PER_REQUEST",
                "KeySchema", List.of(key("PK", "HASH"), key("SK", "RANGE")),
                "AttributeDefinitions",
                    Match.arrayWith(
                        List.of(
                            stringAttribute("PK"),
                            stringAttribute("SK"),
                            stringAttribute("GSI1PK"),
                            stringAttribute("GSI1SK"),
                            stringAttribute("GSI2PK"),
                            stringAttribute("GSI2SK"))),
                "GlobalSecondaryIndexes",
                    List.of(index("GSI1", "GSI1PK", "GSI1SK"), index("GSI2", "GSI2PK", "GSI2SK")),
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
                "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "SSESpecification",
                    Map.of(
                        "SSEEnabled",
                        true,
                        "SSEType",
                        "KMS",
                        "KMSMasterKeyId",
                        Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue()))),
                "DeletionProtectionEnabled", stage.equals("prod"))));
    data.hasResource(
        "AWS::DynamoDB::Table",
        Match.objectLike(Map.of("DeletionPolicy", stage.equals("prod") ? "Retain" : "Delete")));
    data.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
  }

  @Test
  void cursorSecret_isGeneratedByAwsAndNeverWrittenInTheTemplate() {
    Template data = app.template("Topgun-dev-Data");
    data.hasResourceProperties(
        "AWS::SecretsManager::Secret",
        Map.of(
            "GenerateSecretString",
            Match.objectLike(Map.of("PasswordLength", 64)),
            "KmsKeyId",
            Match.anyValue()));
    assertThat(
            resources(app.json("Topgun-dev-Data"), "AWS::SecretsManager::Secret").values().stream()
                .map(Json::properties))
        .allSatisfy(secret -> assertThat(secret).doesNotContainKey("SecretString"));
  }

  // ---- envelope key ----

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void envelopeKey_isASymmetricKeyOfItsOwn_rotated_retained_underTheStagesAlias(String stage) {
    Map<String, Object> data = app.json("Topgun-" + stage + "-Data");
    String keyId = envelopeKeyId(data, stage);
    Map<String, Object> key = resources(data, "AWS::KMS::Key").get(keyId);

    // retained in every stage: values sealed under it must stay readable
    assertThat(key)
        .containsEntry("DeletionPolicy", "Retain")
        .containsEntry("UpdateReplacePolicy", "Retain");
    // symmetric: KeySpec and KeyUsage default to SYMMETRIC_DEFAULT and ENCRYPT_DECRYPT
    assertThat(properties(key))
        .containsEntry("EnableKeyRotation", true)
        .doesNotContainKeys("KeySpec", "KeyUsage");
    // apart from the data key (DynamoDB and Secrets Manager)
    assertThat(resources(data, "AWS::KMS::Key")).hasSize(2);
    assertThat(aliasTargets(data).get("alias/topgun-" + stage + "-data")).isNotEqualTo(keyId);
  }

  @Test
  void envelopeKey_isUsedByTheFunctionsWhoseJarCarriesTheKmsClient_todayLicensingOnly() {
    assertThat(app.declarations().functions().values())
        .filteredOn(FunctionModule::hasKmsClient)
        .extracting(FunctionModule::name)
        .containsExactly("licensing");
    assertThat(app.stages().get("dev").data().envelopeKey().users())
        .isEqualTo(Map.of("licensing", List.of("license-signing")));
  }

  @Test
  void envelopeKeyPolicy_letsTheAccountAdministerIt_andOnlyLicensingsRoleUseIt_forLicenseSigning() {
    Map<String, Object> data = app.json("Topgun-dev-Data");
    Map<String, Object> key = resources(data, "AWS::KMS::Key").get(envelopeKeyId(data, "dev"));
    List<Map<String, Object>> statements =
        list(map(properties(key).get("KeyPolicy")).get("Statement")).stream()
            .map(Json::map)
            .toList();

    assertThat(statements).hasSize(2);
    Map<String, Object> admin = statements.get(0);
    assertThat(admin.get("Sid")).isEqualTo("KeyAdministration");
    assertThat(admin).doesNotContainKey("Condition");
    assertThat(list(admin.get("Action")))
        .isNotEmpty()
        .noneMatch(
            action ->
                action.toString().matches("kms:(\\*|Create\\*|CreateGrant|Encrypt.*|Decrypt.*)")
                    || action.toString().matches("kms:(ReEncrypt|GenerateDataKey).*"));

    Map<String, Object> use = statements.get(1);
    assertThat(use.get("Principal").toString()).contains(":root");
    assertThat(list(use.get("Action"))).containsExactly("kms:GenerateDataKey", "kms:Decrypt");
    Map<String, Object> condition = map(use.get("Condition"));
    assertThat(condition).containsOnlyKeys("ArnEquals", "StringEquals");
    assertThat(map(condition.get("StringEquals")))
        .isEqualTo(Map.of("kms:EncryptionContext:purpose", "license-signing"));
    Map<String, Object> principalArn = map(condition.get("ArnEquals"));
    assertThat(principalArn).containsOnlyKeys("aws:PrincipalArn");
    assertThat(principalArn.get("aws:PrincipalArn").toString())
        .endsWith(":role/topgun-dev-licensing]]}");
    // the role the key policy names is licensing's
    assertThat(properties(functionRole(app.json("Topgun-dev-Api"), "licensing")))
        .containsEntry("RoleName", "topgun-dev-licensing");
  }

  @Test
  void licensingsRole_mayGenerateAndDecryptDataKeys_underTheEnvelopeKeyOnly_otherRolesMayNot() {
    Map<String, Object> api = app.json("Topgun-dev-Api");
    for (FunctionModule module : app.declarations().functions().values()) {
      List<Map<String, Object>> kms =
          roleStatements(api, module.name()).stream()
              .filter(s -> list(s.get("Action")).toString().contains("kms:"))
              .toList();
      // Every other KMS statement is the data key through DynamoDB or Secrets Manager only.
      List<Map<String, Object>> direct =
          kms.stream()
              .filter(s -> !String.valueOf(s.get("Condition")).contains("kms:ViaService"))
              .toList();
      List<Map<String, Object>> onEnvelopeKey =
          kms.stream().filter(s -> s.get("Resource").toString().contains("EnvelopeKey")).toList();
      if (module.name().equals("licensing")) {
        assertThat(direct).hasSize(1).isEqualTo(onEnvelopeKey);
        Map<String, Object> statement = direct.get(0);
        assertThat(list(statement.get("Action")))
            .containsExactly("kms:GenerateDataKey", "kms:Decrypt");
        assertThat(statement.get("Resource").toString())
            .contains("Fn::ImportValue", "Topgun-dev-Data:", "EnvelopeKey", "Arn");
        assertThat(statement.get("Condition"))
            .isEqualTo(
                Map.of("StringEquals", Map.of("kms:EncryptionContext:purpose", "license-signing")));
      } else {
        assertThat(direct).as(module.name()).isEmpty();
        assertThat(onEnvelopeKey).as(module.name()).isEmpty();
      }
    }
  }

  @Test
  void onlyFunctionsWithTheKmsClient_getTheEnvelopeKeyAsTheirKmsKeyId() {
    Map<String, Object> api = app.json("Topgun-dev-Api");
    for (FunctionModule module : app.declarations().functions().values()) {
      Map<String, Object> variables =
          map(map(properties(function(api, module.name())).get("Environment")).get("Variables"));
      if (module.hasKmsClient()) {
        // topgun.kms.key-id, as Micronaut reads the environment
        assertThat(variables).containsEntry("TOPGUN_KMS_KEY_ID", "alias/topgun-dev-envelope");
      } else {
        assertThat(variables).as(module.name()).doesNotContainKey("TOPGUN_KMS_KEY_ID");
      }
    }
    assertThat(map(map(properties(function(api, "licensing")).get("Environment")).get("Variables")))
        .containsKey("TOPGUN_KMS_KEY_ID");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void objectBuckets_arePrivate_tlsOnly_logged_andTheStateBucketVersionedUnderTheDataKey(
      String stage) {
    Template data = app.template("Topgun-" + stage + "-Data");
    Map<String, Object> blockAll =
        Map.of(
            "BlockPublicAcls", true,
            "BlockPublicPolicy", true,
            "IgnorePublicAcls", true,
            "RestrictPublicBuckets", true);
    data.hasResourceProperties(
        "AWS::S3::Bucket",
        Match.objectLike(
            Map.of(
                "PublicAccessBlockConfiguration", blockAll,
                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "s3/assets/")),
                "BucketEncryption",
                    Map.of(
                        "ServerSideEncryptionConfiguration",
                        List.of(
                            Map.of(
                                "ServerSideEncryptionByDefault",
                                Map.of("SSEAlgorithm", "AES256")))))));
    data.hasResourceProperties(
        "AWS::S3::Bucket",
        Match.objectLike(
            Map.of(
                "PublicAccessBlockConfiguration", blockAll,
                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "s3/state/")),
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "BucketEncryption",
                    Map.of(
                        "ServerSideEncryptionConfiguration",
                        List.of(
                            Map.of(
                                "BucketKeyEnabled",
                                true,
                                "ServerSideEncryptionByDefault",
                                Map.of(
                                    "SSEAlgorithm",
                                    "aws:kms",
                                    "KMSMasterKeyID",
                                    Match.anyValue())))),
                "LifecycleConfiguration",
                    Match.objectLike(
                        Map.of(
                            "Rules",
                            Match.arrayWith(
                                List.of(
                                    Match.objectLike(
                                        Map.of(
                                            "NoncurrentVersionExpiration",
                                            Map.of(
                                                "NoncurrentDays",
                                                stage.equals("prod") ? 365 : 30,
                                                "NewerNoncurrentVersions",
                                                stage.equals("prod") ? 20 : 5))))))))));
    Map<String, Object> template = app.json("Topgun-" + stage + "-Data");
    List<Map<String, Object>> objectBuckets =
        resources(template, "AWS::S3::Bucket").entrySet().stream()
            .filter(e -> e.getKey().startsWith("Objects"))
            .map(e -> map(e.getValue()))
            .toList();
    assertThat(objectBuckets).hasSize(2);
    String kept = stage.equals("prod") ? "Retain" : "Delete";
    assertThat(objectBuckets).allSatisfy(b -> assertThat(b.get("DeletionPolicy")).isEqualTo(kept));
    // As for the web bucket: no custom resource empties them when a dev stack is deleted.
    assertThat(resources(template, "Custom::S3AutoDeleteObjects")).isEmpty();
    List<String> tlsOnly =
        resources(template, "AWS::S3::BucketPolicy").values().stream()
            .map(policy -> String.valueOf(properties(policy)))
            .filter(policy -> policy.contains("aws:SecureTransport=false"))
            .toList();
    assertThat(tlsOnly).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void onlyFunctionsWithTheS3Client_getTheNamesOfTheBucketsDeclaredForThem_todayBrandingAssets() {
    Map<String, Object> api = app.json("Topgun-dev-Api");
    assertThat(app.declarations().functions().values())
        .filteredOn(FunctionModule::hasS3Client)
        .extracting(FunctionModule::name)
        .containsExactly("branding");
    for (FunctionModule module : app.declarations().functions().values()) {
      Map<String, Object> variables =
          map(map(properties(function(api, module.name())).get("Environment")).get("Variables"));
      if (module.name().equals("branding")) {
        // topgun.s3.assets-bucket, as Micronaut reads the environment; not the state bucket
        assertThat(variables)
            .containsKey("TOPGUN_S3_ASSETS_BUCKET")
            .doesNotContainKey("TOPGUN_S3_STATE_BUCKET");
      } else {
        assertThat(variables)
            .as(module.name())
            .doesNotContainKeys("TOPGUN_S3_ASSETS_BUCKET", "TOPGUN_S3_STATE_BUCKET");
      }
    }
  }

  // ---- identity ----

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void userPool_requiresTotpAStrongPasswordAndEnforcesThreatProtection(String stage) {
    Template identity = app.template("Topgun-" + stage + "-Identity");
    identity.hasResourceProperties(
        "AWS::Cognito::UserPool",
        Match.objectLike(
            Map.of(
                "MfaConfiguration", "ON",
                "EnabledMfas", List.of("SOFTWARE_TOKEN_MFA"),
                "Policies",
                    Map.of(
                        "PasswordPolicy",
                        Match.objectLike(
                            Map.of(
                                "MinimumLength", 12,
                                "RequireLowercase", true,
                                "RequireUppercase", true,
                                "RequireNumbers", true,
                                "RequireSymbols", true))),
                "UserPoolAddOns", Map.of("AdvancedSecurityMode", "ENFORCED"),
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true),
                "DeletionProtection", stage.equals("prod") ? "ACTIVE" : "INACTIVE")));
    identity.hasResourceProperties(
        "AWS::Cognito::UserPoolClient",
        Match.objectLike(
            Map.of(
                "GenerateSecret",
                false,
                "ExplicitAuthFlows",
                List.of("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
                "PreventUserExistenceErrors",
                "ENABLED")));
  }

  // ---- functions ----

  @Test
  void everyFunctionModule_isOneLambda_fromItsJar_withSnapStartXRayAndItsSettings() {
    Map<String, Object> api = app.json("Topgun-dev-Api");
    Map<String, Map<String, Object>> functions = resources(api, "AWS::Lambda::Function");
    assertThat(functions).hasSize(app.declarations().functions().size());
    for (FunctionModule module : app.declarations().functions().values()) {
      app.template("Topgun-dev-Api")
          .hasResourceProperties(
              "AWS::Lambda::Function",
              Match.objectLike(
                  Map.of(
                      "FunctionName", "topgun-dev-" + module.name(),
                      "Runtime", "java25",
                      "Handler", "dev.topgun.shared.lambda.FunctionHandler::handleRequest",
                      "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                      "TracingConfig", Map.of("Mode", "Active"),
                      "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON")),
                      "Environment",
                          Map.of(
                              "Variables",
                              Match.objectLike(
                                  Map.of(
                                      "POWERTOOLS_SERVICE_NAME", module.name(),
                                      "POWERTOOLS_LOG_LEVEL", "DEBUG",
                                      "TOPGUN_TABLE", Match.anyValue(),
                                      "TOPGUN_EVENTS_BUS", Match.anyValue(),
                                      "TOPGUN_COGNITO_USER_POOL_ID", Match.anyValue(),
                                      "TOPGUN_COGNITO_CLIENT_ID", Match.anyValue(),
                                      "TOPGUN_CURSORS_SECRET_ARN", Match.anyValue()))))));
      app.template("Topgun-dev-Api")
          .hasResourceProperties(
              "AWS::Lambda::Function",
              Match.objectLike(
                  Map.of(
                      "FunctionName",
                      "topgun-dev-" + module.name(),
                      "Environment",
                      Map.of(
                          "Variables",
                          Match.objectLike(
                              Map.of(
                                  "TOPGUN_MAIL_CREDENTIALS_SECRET_ARN",
                                  Match.anyValue(),
                                  "TOPGUN_MAIL_SMTP_HOST",
                                  Match.anyValue(),
                                  "TOPGUN_MAIL_STARTTLS",
                                  "true",
                                  "TOPGUN_MAIL_SMTP_PORT",
                                  "587",
                                  "TOPGUN_WEB_BASE_URL",
                                  Match.anyValue(),
                                  "PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED",
                                  "true"))))));
    }
    assertThat(functions.values())
        .allSatisfy(
            function -> {
              Map<String, Object> properties = properties(function);
              assertThat(properties.get("SnapStart"))
                  .isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
              Set<String> variables =
                  map(map(properties.get("Environment")).get("Variables")).keySet();
              // Topgun's secrets reach a function as ARNs only (the extension's own settings, such
              // as SECRETS_MANAGER_TTL, are not secrets).
              assertThat(variables)
                  .filteredOn(name -> name.startsWith("TOPGUN_") && name.contains("SECRET"))
                  .containsExactlyInAnyOrder(
                      "TOPGUN_CURSORS_SECRET_ARN", "TOPGUN_MAIL_CREDENTIALS_SECRET_ARN");
              assertThat(properties.get("Layers").toString())
                  .as("the Parameters and Secrets extension layer")
                  .contains("ParamsandsecretslayerMap", "1x0x103xarm64");
            });
  }

  @Test
  void lambdaCode_isTheBuiltJar_stagedByteForByte() throws Exception {
    Map<String, Object> assets =
        map(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(outdir.resolve("Topgun-dev-Api.assets.json").toFile(), Map.class));
    Set<Long> stagedJarSizes = new TreeSet<>();
    for (Object asset : map(assets.get("files")).values()) {
      String path = (String) map(map(asset).get("source")).get("path");
      if (path.endsWith(".jar")) {
        stagedJarSizes.add(Files.size(outdir.resolve(path)));
      }
    }
    Set<Long> builtJarSizes = new TreeSet<>();
    for (FunctionModule module : app.declarations().functions().values()) {
      builtJarSizes.add(Files.size(module.jar()));
    }
    assertThat(stagedJarSizes).isEqualTo(builtJarSizes);
  }

  @Test
  void functionRoles_touchOnlyTheTablesItems_namedResources_noScan_noManagedPolicies() {
    Map<String, Object> api = app.json("Topgun-dev-Api");
    for (Map<String, Object> role : functionRoles(api)) {
      assertThat(properties(role)).doesNotContainKey("ManagedPolicyArns");
    }
    List<Map<String, Object>> dynamoStatements = new ArrayList<>();
    for (Map<String, Object> statement : statements(api)) {
      List<Object> actions = list(statement.get("Action"));
      // the stream-fed function's stream statement is checked on its own (outbox relay, below)
      if (actions.stream().anyMatch(action -> action.toString().startsWith("dynamodb:"))
          && !actions.equals(List.copyOf(SingleTable.STREAM_ACTIONS))) {
        dynamoStatements.add(statement);
      }
    }
    assertThat(dynamoStatements).hasSize(app.declarations().functions().size());
    for (Map<String, Object> statement : dynamoStatements) {
      assertThat(list(statement.get("Action")))
          .containsExactlyInAnyOrderElementsOf(SingleTable.ITEM_ACTIONS);
      List<Object> resources = list(statement.get("Resource"));
      assertThat(resources).hasSize(3);
      assertThat(resources.toString()).contains("/index/GSI1", "/index/GSI2").doesNotContain("*");
    }
  }

  @Test
  void noPolicyInAnyStack_grantsADataActionOnEveryResource() {
    Set<String> offending = new LinkedHashSet<>();
    for (String stack : app.stackNames()) {
      for (Map<String, Object> statement : statements(app.json(stack))) {
        boolean everyResource = list(statement.get("Resource")).contains("*");
        for (Object action : list(statement.get("Action"))) {
          String name = action.toString();
          boolean dataAction =
              name.equals("*")
                  || name.matches(
                      "(dynamodb|s3|kms|secretsmanager|sqs|events|lambda|states|cognito-idp):.*");
          if (everyResource && dataAction) {
            offending.add(stack + ": " + name);
          }
        }
      }
    }
    assertThat(offending).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void onlyFunctionsCarryingTheEventBridgeSdk_mayPutEvents_underEveryDomainsSource(String stage) {
    Map<String, Object> api = app.json("Topgun-" + stage + "-Api");
    String bus =
        single(resources(api, "AWS::Events::EventBus").keySet()); // the Topgun bus, this stage's
    // the relay carries it, whatever else still does
    assertThat(app.declarations().functions().get("platform").hasEventBridgeClient()).isTrue();
    for (FunctionModule module : app.declarations().functions().values()) {
      List<Map<String, Object>> putEvents =
          roleStatements(api, module.name()).stream()
              .filter(s -> list(s.get("Action")).contains("events:PutEvents"))
              .toList();
      if (module.hasEventBridgeClient()) {
        assertThat(putEvents)
            .as(module.name())
            .containsExactly(
                Map.of(
                    "Action",
                    "events:PutEvents",
                    "Effect",
                    "Allow",
                    "Resource",
                    Map.of("Fn::GetAtt", List.of(bus, "Arn")),
                    "Condition",
                    Map.of("StringLike", Map.of("events:source", "topgun.*"))));
      } else {
        assertThat(putEvents).as(module.name()).isEmpty();
      }
    }
    // no function publishes under its own source alone any more: only the relay publishes
    assertThat(statements(api))
        .noneMatch(s -> String.valueOf(s.get("Condition")).contains("StringEquals={events:source"));
    long describers =
        statements(api).stream()
            .filter(s -> list(s.get("Action")).contains("events:DescribeEventBus"))
            .count();
    assertThat(describers).isEqualTo(1);
  }

  // ---- outbox relay: the table's stream ----

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void outboxRelay_isAnEventSourceMappingOnTheTableStream_inOrder_retriedUntilExpired(
      String stage) {
    Map<String, Object> api = app.json("Topgun-" + stage + "-Api");
    EventRules.Stream relay = single(streamsNamed("outbox-relay"));
    assertThat(relay.function()).isEqualTo("platform");
    String deadLetters =
        single(
            resources(
                    api,
                    (id, r) ->
                        "AWS::SQS::Queue".equals(r.get("Type"))
                            && id.startsWith("EventsDeadLetters"))
                .keySet());

    app.template("Topgun-" + stage + "-Api")
        .hasResourceProperties(
            "AWS::Lambda::EventSourceMapping",
            Match.objectLike(
                Map.ofEntries(
                    Map.entry("FunctionName", Json.ref(liveAlias(api, "platform"))),
                    Map.entry(
                        "EventSourceArn",
                        Map.of(
                            "Fn::ImportValue",
                            Match.stringLikeRegexp(
                                "^Topgun-" + stage + "-Data:.*TopgunTable.*StreamArn.*"))),
                    Map.entry("Enabled", true),
                    Map.entry("StartingPosition", "TRIM_HORIZON"),
                    Map.entry("BatchSize", relay.batchSize()),
                    Map.entry("FunctionResponseTypes", List.of("ReportBatchItemFailures")),
                    Map.entry("MaximumRetryAttempts", -1),
                    Map.entry("MaximumRecordAgeInSeconds", -1),
                    Map.entry("BisectBatchOnFunctionError", false),
                    Map.entry("ParallelizationFactor", 1),
                    Map.entry(
                        "DestinationConfig",
                        Map.of(
                            "OnFailure",
                            Map.of(
                                "Destination",
                                Map.of("Fn::GetAtt", List.of(deadLetters, "Arn"))))))));
    // one mapping per declared stream, each filtering as declared (the JSON as written, any order)
    Map<String, Map<String, Object>> mappings = resources(api, "AWS::Lambda::EventSourceMapping");
    assertThat(mappings).hasSize(app.declarations().rules().streams().size());
    List<Object> filters =
        list(map(properties(single(mappings)).get("FilterCriteria")).get("Filters"));
    assertThat(filters).hasSize(1);
    assertThat(readJson((String) map(filters.get(0)).get("Pattern")))
        .isEqualTo(
            Map.of(
                "eventName", List.of("INSERT"),
                "dynamodb", Map.of("NewImage", Map.of("type", Map.of("S", List.of("OUTBOX"))))))
        .isEqualTo(relay.filter());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void onlyTheStreamFedFunctionsRole_mayReadTheTableStream_andOnlyThatStream(String stage) {
    Map<String, Object> api = app.json("Topgun-" + stage + "-Api");
    for (FunctionModule module : app.declarations().functions().values()) {
      List<Map<String, Object>> streamReads =
          roleStatements(api, module.name()).stream()
              .filter(
                  s ->
                      list(s.get("Action")).stream()
                          .anyMatch(action -> SingleTable.STREAM_ACTIONS.contains(action)))
              .toList();
      if (module.name().equals("platform")) {
        assertThat(streamReads).hasSize(1);
        Map<String, Object> statement = streamReads.get(0);
        assertThat(list(statement.get("Action")))
            .containsExactlyInAnyOrderElementsOf(SingleTable.STREAM_ACTIONS)
            .containsExactlyInAnyOrder(
                "dynamodb:DescribeStream",
                "dynamodb:GetRecords",
                "dynamodb:GetShardIterator",
                "dynamodb:ListStreams");
        // the stream's ARN, one resource, no wildcard
        assertThat(statement.get("Resource")).isInstanceOf(Map.class);
        assertThat(map(statement.get("Resource")).get("Fn::ImportValue").toString())
            .startsWith("Topgun-" + stage + "-Data:")
            .contains("StreamArn");
        // and it may record what it can never deliver in the dead-letter queue
        assertThat(roleStatements(api, module.name()))
            .anySatisfy(
                s ->
                    assertThat(s)
                        .containsEntry("Action", "sqs:SendMessage")
                        .extractingByKey("Resource")
                        .asString()
                        .contains("EventsDeadLetters"));
      } else {
        assertThat(streamReads).as(module.name()).isEmpty();
      }
    }
    // The mapping is created after the role may read the stream (CloudFormation checks it).
    Map<String, Object> mapping = single(resources(api, "AWS::Lambda::EventSourceMapping"));
    assertThat(list(mapping.get("DependsOn")).toString()).contains("PlatformRoleDefaultPolicy");
  }

  // ---- real-time channel: the WebSocket API ----

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void webSocketApi_selectsRoutesByAction_andSendsEveryRouteToItsFunctionsAlias(String stage) {
    Map<String, Object> api = app.json("Topgun-" + stage + "-Api");
    WebSocketApi declared = app.declarations().routes().webSocket().orElseThrow();
    assertThat(declared.function()).isEqualTo("platform");
    Template template = app.template("Topgun-" + stage + "-Api");
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Api",
        Match.objectLike(
            Map.of(
                "Name", "topgun-" + stage + "-realtime",
                "ProtocolType", "WEBSOCKET",
                "RouteSelectionExpression", "$request.body.action")));
    String webSocketApi = single(resources(api, "AWS::ApiGatewayV2::Api").keySet());
    String alias = liveAlias(api, declared.function());

    Map<String, Map<String, Object>> integrations =
        resources(api, "AWS::ApiGatewayV2::Integration");
    Map<String, Map<String, Object>> routes = new HashMap<>();
    resources(api, "AWS::ApiGatewayV2::Route")
        .values()
        .forEach(route -> routes.put((String) properties(route).get("RouteKey"), route));
    List<String> expected = new ArrayList<>(List.of("$connect", "$disconnect", "$default"));
    expected.addAll(declared.routes());
    assertThat(routes.keySet())
        .containsExactlyInAnyOrderElementsOf(expected)
        .contains("subscribe", "unsubscribe");
    for (Map.Entry<String, Map<String, Object>> route : routes.entrySet()) {
      Map<String, Object> properties = properties(route.getValue());
      assertThat(properties.get("ApiId")).isEqualTo(Json.ref(webSocketApi));
      // no API Gateway authorizer: the function verifies $connect's token itself
      assertThat(properties.get("AuthorizationType")).isEqualTo("NONE");
      assertThat(properties).doesNotContainKey("AuthorizerId");
      // "integrations/<id>"
      List<Object> target = list(list(map(properties.get("Target")).get("Fn::Join")).get(1));
      assertThat(target.get(0)).isEqualTo("integrations/");
      String integration = (String) map(target.get(1)).get("Ref");
      Map<String, Object> proxy = properties(integrations.get(integration));
      assertThat(proxy.get("IntegrationType")).as(route.getKey()).isEqualTo("AWS_PROXY");
      assertThat(proxy.get("IntegrationUri").toString())
          .as(route.getKey())
          .contains(":lambda:path/2015-03-31/functions/", "{Ref=" + alias + "}", "/invocations");
    }
    assertThat(resources(api, "AWS::ApiGatewayV2::Authorizer")).isEmpty();
    // API Gateway may invoke the alias for each route key, and no other
    List<String> invokedFor =
        resources(
                api,
                (id, r) ->
                    "AWS::Lambda::Permission".equals(r.get("Type"))
                        && "apigateway.amazonaws.com".equals(properties(r).get("Principal"))
                        && properties(r).get("SourceArn").toString().contains(webSocketApi))
            .values()
            .stream()
            .map(
                permission -> {
                  assertThat(properties(permission).get("FunctionName")).isEqualTo(Json.ref(alias));
                  String arn = properties(permission).get("SourceArn").toString();
                  return arn.substring(arn.lastIndexOf("/*") + 2, arn.length() - 3);
                })
            .toList();
    assertThat(invokedFor).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void webSocketStage_isNamedForTheStage_autoDeployed_throttled_andLogged(String stage) {
    StageConfig config = StageConfig.named(stage);
    Map<String, Object> api = app.json("Topgun-" + stage + "-Api");
    String webSocketApi = single(resources(api, "AWS::ApiGatewayV2::Api").keySet());
    app.template("Topgun-" + stage + "-Api")
        .hasResourceProperties(
            "AWS::ApiGatewayV2::Stage",
            Match.objectLike(
                Map.of(
                    "ApiId", Json.ref(webSocketApi),
                    "StageName", stage,
                    "AutoDeploy", true,
                    "DefaultRouteSettings",
                        Map.of(
                            "ThrottlingRateLimit",
                            config.throttleRate(),
                            "ThrottlingBurstLimit",
                            config.throttleBurst(),
                            "LoggingLevel",
                            "ERROR",
                            "DataTraceEnabled",
                            false,
                            "DetailedMetricsEnabled",
                            true),
                    "AccessLogSettings",
                        Map.of(
                            "DestinationArn",
                            Map.of(
                                "Fn::GetAtt",
                                List.of(Match.stringLikeRegexp("^RealtimeAccessLogs"), "Arn")),
                            "Format",
                            Match.stringLikeRegexp(
                                ".*\\$context.connectionId.*\\$context.routeKey.*")))));
    Map<String, Object> webSocketStage = single(resources(api, "AWS::ApiGatewayV2::Stage"));
    // access logs are JSON, without the query string (the token) or the message
    String format = (String) map(properties(webSocketStage).get("AccessLogSettings")).get("Format");
    assertThat(readJson(format)).containsKeys("requestId", "connectionId", "routeKey", "status");
    assertThat(format).doesNotContain("querystring", "body");
    // its log group is kept like the REST API's
    String logGroup =
        (String)
            list(map(map(properties(webSocketStage).get("AccessLogSettings")).get("DestinationArn"))
                    .get("Fn::GetAtt"))
                .get(0);
    assertThat(properties(resources(api, "AWS::Logs::LogGroup").get(logGroup)))
        .containsEntry("RetentionInDays", stage.equals("prod") ? 365 : 30);
    // logging needs the account's API Gateway CloudWatch role first
    assertThat(list(webSocketStage.get("DependsOn")).toString()).contains("PublicApiAccount");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void onlyTheWebSocketFunction_mayManageConnections_ofThisStageOnly(String stage) {
    Map<String, Object> api = app.json("Topgun-" + stage + "-Api");
    String webSocketApi = single(resources(api, "AWS::ApiGatewayV2::Api").keySet());
    for (FunctionModule module : app.declarations().functions().values()) {
      List<Map<String, Object>> manage =
          roleStatements(api, module.name()).stream()
              .filter(s -> list(s.get("Action")).toString().contains("execute-api:"))
              .toList();
      if (module.name().equals("platform")) {
        assertThat(manage).hasSize(1);
        assertThat(manage.get(0).get("Action")).isEqualTo("execute-api:ManageConnections");
        assertThat(list(manage.get(0).get("Resource")))
            .containsExactlyInAnyOrder(
                connectionsArn(webSocketApi, stage, "POST"),
                connectionsArn(webSocketApi, stage, "GET"),
                connectionsArn(webSocketApi, stage, "DELETE"));
      } else {
        assertThat(manage).as(module.name()).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void realtimeEndpoint_isTheStagesConnectionsUrl_setOnTheWebSocketFunctionOnly(String stage) {
    Map<String, Object> api = app.json("Topgun-" + stage + "-Api");
    String webSocketApi = single(resources(api, "AWS::ApiGatewayV2::Api").keySet());
    assertThat(app.declarations().functions().get("platform").hasConnectionsClient()).isTrue();
    for (FunctionModule module : app.declarations().functions().values()) {
      Map<String, Object> variables =
          map(map(properties(function(api, module.name())).get("Environment")).get("Variables"));
      if (module.name().equals("platform")) {
        // https://<api>.execute-api.<region>.amazonaws.com/<stage>, read as
        // topgun.realtime.endpoint
        assertThat(variables.get("TOPGUN_REALTIME_ENDPOINT"))
            .isEqualTo(
                Map.of(
                    "Fn::Join",
                    List.of(
                        "",
                        List.of(
                            "https://",
                            Json.ref(webSocketApi),
                            ".execute-api.",
                            Json.ref("AWS::Region"),
                            ".",
                            Json.ref("AWS::URLSuffix"),
                            "/" + stage))));
        // the wss:// URL /v1/auth/config gives the console, read as topgun.realtime.url
        assertThat(variables.get("TOPGUN_REALTIME_URL"))
            .isEqualTo(
                Map.of(
                    "Fn::Join",
                    List.of(
                        "",
                        List.of(
                            "wss://",
                            Json.ref(webSocketApi),
                            ".execute-api.",
                            Json.ref("AWS::Region"),
                            ".",
                            Json.ref("AWS::URLSuffix"),
                            "/" + stage))));
        // and what it verifies $connect's token with
        assertThat(variables)
            .containsKeys("TOPGUN_COGNITO_USER_POOL_ID", "TOPGUN_COGNITO_CLIENT_ID");
      } else {
        assertThat(variables)
            .as(module.name())
            .doesNotContainKeys("TOPGUN_REALTIME_ENDPOINT", "TOPGUN_REALTIME_URL");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void realtimeUrl_isAStackOutput_theStagesWssUrl(String stage) {
    Map<String, Object> api = app.json("Topgun-" + stage + "-Api");
    String webSocketApi = single(resources(api, "AWS::ApiGatewayV2::Api").keySet());
    app.template("Topgun-" + stage + "-Api")
        .hasOutput(
            "RealtimeUrl",
            Match.objectLike(
                Map.of(
                    "Value",
                    Map.of(
                        "Fn::Join",
                        List.of(
                            "",
                            List.of(
                                "wss://",
                                Json.ref(webSocketApi),
                                ".execute-api.",
                                Json.ref("AWS::Region"),
                                ".",
                                Json.ref("AWS::URLSuffix"),
                                "/" + stage))))));
  }

  @Test
  void realtimePushRule_isOnTheBus_withItsPrefixAndExistsPatternsAsDeclared() {
    Map<String, Object> api = app.json("Topgun-dev-Api");
    EventRules.Rule declared =
        app.declarations().rules().rules().stream()
            .filter(rule -> rule.name().equals("realtime-push"))
            .findFirst()
            .orElseThrow();
    Map<String, Object> rule =
        single(
            resources(
                api,
                (id, r) ->
                    "AWS::Events::Rule".equals(r.get("Type"))
                        && "Topgun event rule realtime-push"
                            .equals(properties(r).get("Description"))));
    assertThat(properties(rule).get("EventPattern"))
        .isEqualTo(
            Map.of(
                "source", List.of(Map.of("prefix", "topgun.")),
                "detail", Map.of("organizationId", List.of(Map.of("exists", true)))))
        .isEqualTo(declared.eventPattern());
    assertThat(list(properties(rule).get("Targets")).toString())
        .contains("{Ref=" + liveAlias(api, "platform") + "}");
  }

  // ---- API ----

  @Test
  void everyRoute_isOneMethod_withTheAuthorizerExactlyWhenItNeedsAUser() {
    Map<String, Object> api = app.json("Topgun-dev-Api");
    Map<String, String> paths = resourcePaths(api);
    String authorizer = single(resources(api, "AWS::ApiGateway::Authorizer").keySet());
    String validator = single(resources(api, "AWS::ApiGateway::RequestValidator").keySet());
    Map<String, Map<String, Object>> methods = new HashMap<>();
    resources(api, "AWS::ApiGateway::Method")
        .values()
        .forEach(
            method -> {
              Map<String, Object> p = properties(method);
              methods.put(
                  p.get("HttpMethod") + " " + paths.get(map(p.get("ResourceId")).get("Ref")), p);
            });
    List<Route> routes = app.declarations().routes().routes();
    assertThat(methods).hasSize(routes.size());
    for (Route route : routes) {
      Map<String, Object> method = methods.get(route.method() + " " + route.path());
      assertThat(method).as(route.method() + " " + route.path()).isNotNull();
      if (route.isPublic()) {
        assertThat(method.get("AuthorizationType")).isEqualTo("NONE");
        assertThat(method).doesNotContainKey("AuthorizerId");
      } else {
        assertThat(method.get("AuthorizationType")).isEqualTo("COGNITO_USER_POOLS");
        assertThat(method.get("AuthorizerId")).isEqualTo(Json.ref(authorizer));
      }
      assertThat(method.get("RequestValidatorId")).isEqualTo(Json.ref(validator));
      Map<String, Object> expectedParameters = new HashMap<>();
      for (PathTemplate.Segment segment : route.segments()) {
        if (segment.kind() != PathTemplate.Kind.LITERAL) {
          expectedParameters.put("method.request.path." + segment.text(), true);
        }
      }
      assertThat(method.getOrDefault("RequestParameters", Map.of())).isEqualTo(expectedParameters);
      Map<String, Object> integration = map(method.get("Integration"));
      assertThat(integration.get("Type")).isEqualTo("AWS_PROXY");
      assertThat(integration.get("Uri").toString())
          .contains("{Ref=" + liveAlias(api, route.function()) + "}");
    }
  }

  @Test
  void authorizer_isTheUserPool_onTheAuthorizationHeader() {
    app.template("Topgun-dev-Api")
        .hasResourceProperties(
            "AWS::ApiGateway::Authorizer",
            Match.objectLike(
                Map.of(
                    "Type", "COGNITO_USER_POOLS",
                    "IdentitySource", "method.request.header.Authorization",
                    "ProviderARNs", List.of(Match.anyValue()))));
  }

  @Test
  void stage_writesAccessLogs_traces_throttles_andValidatesRequests() {
    Template api = app.template("Topgun-dev-Api");
    api.hasResourceProperties(
        "AWS::ApiGateway::Stage",
        Match.objectLike(
            Map.of(
                "StageName",
                "dev",
                "TracingEnabled",
                true,
                "AccessLogSetting",
                Map.of(
                    "DestinationArn",
                    Match.anyValue(),
                    "Format",
                    Match.stringLikeRegexp(".*requestId.*")),
                "MethodSettings",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "HttpMethod",
                                "*",
                                "ResourcePath",
                                "/*",
                                "LoggingLevel",
                                "ERROR",
                                "DataTraceEnabled",
                                false,
                                "ThrottlingRateLimit",
                                50,
                                "ThrottlingBurstLimit",
                                100)))))));
    api.hasResourceProperties(
        "AWS::ApiGateway::RequestValidator",
        Map.of(
            "ValidateRequestBody", true,
            "ValidateRequestParameters", true,
            "RestApiId", Match.anyValue()));
    api.hasResourceProperties(
        "AWS::WAFv2::WebACL",
        Match.objectLike(
            Map.of(
                "Scope",
                "REGIONAL",
                "Rules",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(Map.of("Name", "AWSManagedRulesCommonRuleSet")),
                        Match.objectLike(Map.of("Name", "RateLimitPerAddress")))))));
    api.resourceCountIs("AWS::WAFv2::WebACLAssociation", 1);
  }

  @Test
  void eventBus_isNamedForTheStage_withOneRulePerDeclaredRuleAndSchedule() {
    Template api = app.template("Topgun-dev-Api");
    api.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "topgun-dev"));
    api.resourceCountIs(
        "AWS::Events::Rule",
        app.declarations().rules().rules().size() + app.declarations().rules().schedules().size());
  }

  @Test
  void everyEventTarget_retriesFailedEventsTwice_thenKeepsThemInTheDeadLetterQueue() {
    // The declared rules and schedules' targets (licensing's notices go to organizations)
    Template api = app.template("Topgun-dev-Api");
    java.util.Set<String> targets = new java.util.TreeSet<>();
    app.declarations().rules().rules().forEach(r -> targets.addAll(r.targets()));
    app.declarations().rules().schedules().forEach(s -> targets.add(s.function()));
    assertThat(targets).contains("organizations");
    api.resourceCountIs("AWS::Lambda::EventInvokeConfig", targets.size());
    api.hasResourceProperties(
        "AWS::Lambda::EventInvokeConfig",
        Match.objectLike(
            Map.of(
                // the live alias (its name, selected from the alias's ARN at deploy time)
                "FunctionName",
                Map.of("Ref", Match.stringLikeRegexp("^OrganizationsFunction")),
                "Qualifier",
                Match.objectLike(Map.of("Fn::Select", Match.anyValue())),
                "MaximumRetryAttempts",
                2,
                "DestinationConfig",
                Map.of("OnFailure", Map.of("Destination", Match.anyValue())))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void throttledRoutes_haveTheirOwnMethodThrottle_neverAboveTheStages(String stage) {
    StageConfig config = StageConfig.named(stage);
    List<Route> throttled = throttledRoutes();
    Map<String, Object> apiStage =
        properties(
            single(resources(app.json("Topgun-" + stage + "-Api"), "AWS::ApiGateway::Stage")));
    List<Object> settings = list(apiStage.get("MethodSettings"));

    assertThat(settings).hasSize(1 + throttled.size());
    for (Route route : throttled) {
      assertThat(settings)
          .contains(
              Map.of(
                  "HttpMethod",
                  route.method(),
                  "ResourcePath",
                  "/" + route.path().replace("/", "~1"),
                  "ThrottlingRateLimit",
                  Math.min(route.throttle().rate(), config.throttleRate()),
                  "ThrottlingBurstLimit",
                  Math.min(route.throttle().burst(), config.throttleBurst()),
                  "LoggingLevel",
                  "ERROR",
                  "DataTraceEnabled",
                  false,
                  "MetricsEnabled",
                  true));
    }
    // POST /v1/licenses/validate: 50 a second, bursts of 100, in both stages
    assertThat(settings)
        .anySatisfy(
            setting ->
                assertThat(map(setting))
                    .containsEntry("HttpMethod", "POST")
                    .containsEntry("ResourcePath", "/~1v1~1licenses~1validate")
                    .containsEntry("ThrottlingRateLimit", 50)
                    .containsEntry("ThrottlingBurstLimit", 100));
  }

  @Test
  void throttledRoutes_eachHaveAPerAddressWafRateRule_scopedToTheirMethodAndPath() {
    Object post =
        Map.of(
            "ByteMatchStatement",
            Match.objectLike(
                Map.of(
                    "FieldToMatch", Map.of("Method", Map.of()),
                    "PositionalConstraint", "EXACTLY",
                    "SearchString", "POST")));
    Object validatePath =
        Map.of(
            "RegexMatchStatement",
            Match.objectLike(
                Map.of(
                    "FieldToMatch",
                    Map.of("UriPath", Map.of()),
                    "RegexString",
                    "^(/[^/]+)?/v1/licenses/validate/?$")));
    Object rateBased =
        Map.of(
            "Limit",
            300,
            "EvaluationWindowSec",
            300,
            "AggregateKeyType",
            "IP",
            "ScopeDownStatement",
            Map.of("AndStatement", Map.of("Statements", List.of(post, validatePath))));
    app.template("Topgun-dev-Api")
        .hasResourceProperties(
            "AWS::WAFv2::WebACL",
            Match.objectLike(
                Map.of(
                    "Rules",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Name", "RateLimit-POST-v1-licenses-validate",
                                    "Action", Map.of("Block", Map.of()),
                                    "Statement", Map.of("RateBasedStatement", rateBased))))))));
    // one such rule per throttled route, each at a priority of its own
    List<Map<String, Object>> rules =
        list(
                properties(single(resources(app.json("Topgun-dev-Api"), "AWS::WAFv2::WebACL")))
                    .get("Rules"))
            .stream()
            .map(Json::map)
            .toList();
    assertThat(rules)
        .filteredOn(rule -> map(rule.get("Statement")).toString().contains("ScopeDownStatement"))
        .hasSize(throttledRoutes().size());
    assertThat(rules.stream().map(rule -> rule.get("Priority")).distinct()).hasSize(rules.size());
  }

  // ---- workflows ----

  @Test
  void workflows_haveOneStateMachinePerDefinition_andTheirLogGroup() {
    Template workflows = app.template("Topgun-dev-Workflows");
    workflows.resourceCountIs(
        "AWS::StepFunctions::StateMachine", app.declarations().stateMachineDefinitions().size());
    workflows.hasResourceProperties(
        "AWS::Logs::LogGroup",
        Match.objectLike(Map.of("LogGroupName", "/aws/vendedlogs/states/topgun-dev")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void platformHealth_invokesExactlyThePlatformAlias_andPutsItsTokenEventOnTheBus(String stage) {
    Map<String, Object> workflows = app.json("Topgun-" + stage + "-Workflows");
    Map<String, Object> machine =
        single(
            resources(
                workflows,
                (id, r) ->
                    "AWS::StepFunctions::StateMachine".equals(r.get("Type"))
                        && ("topgun-" + stage + "-platform-health")
                            .equals(properties(r).get("StateMachineName"))));
    Map<String, Object> substitutions = map(properties(machine).get("DefinitionSubstitutions"));
    assertThat(substitutions).containsOnlyKeys("PlatformFunctionArn", "EventBusName");
    Object platformAlias = substitutions.get("PlatformFunctionArn");
    assertThat(platformAlias.toString()).contains("Topgun-" + stage + "-Api:", "PlatformLive");

    List<Map<String, Object>> statements = statements(workflows);
    assertThat(statements)
        .filteredOn(s -> list(s.get("Action")).contains("lambda:InvokeFunction"))
        .singleElement()
        .satisfies(s -> assertThat(s.get("Resource")).isEqualTo(platformAlias));
    assertThat(statements)
        .filteredOn(s -> list(s.get("Action")).contains("events:PutEvents"))
        .singleElement()
        .satisfies(s -> assertThat(s.get("Resource").toString()).contains("EventsBus"));
    // The token comes back from an operator (SendTaskSuccess); no function and no state machine
    // of Topgun sends task tokens, so no role may.
    for (String stack : app.stackNames()) {
      assertThat(statements(app.json(stack)))
          .as(stack)
          .noneMatch(s -> list(s.get("Action")).toString().contains("states:SendTask"));
    }
  }

  // ---- web ----

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void webApp_isDeployedToTheBucket_assetsImmutable_theShellRevalidated(String stage) {
    Map<String, Object> web = app.json("Topgun-" + stage + "-Web");
    String bucket = single(resources(web, "AWS::S3::Bucket").keySet());
    Template template = app.template("Topgun-" + stage + "-Web");
    // the content-hashed files: a year, immutable, never pruned (an open tab's old shell names
    // them)
    template.hasResourceProperties(
        "Custom::CDKBucketDeployment",
        Match.objectLike(
            Map.of(
                "DestinationBucketName",
                Json.ref(bucket),
                "DestinationBucketKeyPrefix",
                "assets/",
                "SystemMetadata",
                Map.of("cache-control", "public, max-age=31536000, immutable"),
                "Prune",
                false)));
    // index.html and the other root files: revalidated every time, pruned except assets/
    template.hasResourceProperties(
        "Custom::CDKBucketDeployment",
        Match.objectLike(
            Map.of(
                "DestinationBucketName", Json.ref(bucket),
                "SystemMetadata", Map.of("cache-control", "no-cache"),
                "Exclude", List.of("assets/*"),
                "DestinationBucketKeyPrefix", Match.absent())));
    // the shell is copied after the files it names
    Map<String, Map<String, Object>> deployments =
        resources(web, (id, r) -> "Custom::CDKBucketDeployment".equals(r.get("Type")));
    assertThat(deployments).hasSize(2);
    String assets =
        single(
            resources(
                    web,
                    (id, r) ->
                        "Custom::CDKBucketDeployment".equals(r.get("Type"))
                            && "assets/".equals(properties(r).get("DestinationBucketKeyPrefix")))
                .keySet());
    deployments.forEach(
        (id, deployment) -> {
          if (!id.equals(assets)) {
            assertThat(list(deployment.get("DependsOn")).toString()).contains(assets);
          }
        });
  }

  @Test
  void spaFallback_runsOnViewerRequests_ofTheDefaultBehaviourOnly() {
    Map<String, Object> web = app.json("Topgun-dev-Web");
    String function = single(resources(web, "AWS::CloudFront::Function").keySet());
    Map<String, Object> config =
        map(
            properties(single(resources(web, "AWS::CloudFront::Distribution")))
                .get("DistributionConfig"));
    assertThat(config).containsEntry("DefaultRootObject", "index.html");
    assertThat(list(map(config.get("DefaultCacheBehavior")).get("FunctionAssociations")))
        .singleElement()
        .satisfies(
            association ->
                assertThat(map(association))
                    .containsEntry("EventType", "viewer-request")
                    .containsEntry(
                        "FunctionARN", Map.of("Fn::GetAtt", List.of(function, "FunctionARN"))));
    // the API's behaviours keep their own 404s: no rewrite there
    assertThat(list(config.get("CacheBehaviors")))
        .isNotEmpty()
        .allSatisfy(b -> assertThat(map(b)).doesNotContainKey("FunctionAssociations"));
    assertThat(config).doesNotContainKey("CustomErrorResponses");
  }

  @Test
  void webBucket_isPrivate_andReadableOnlyByTheDistribution() {
    Template web = app.template("Topgun-dev-Web");
    web.hasResourceProperties(
        "AWS::S3::Bucket",
        Match.objectLike(
            Map.of(
                "PublicAccessBlockConfiguration",
                Map.of(
                    "BlockPublicAcls", true,
                    "BlockPublicPolicy", true,
                    "IgnorePublicAcls", true,
                    "RestrictPublicBuckets", true),
                "LoggingConfiguration",
                Match.objectLike(Map.of("LogFilePrefix", "s3/web/")))));
    web.hasResourceProperties(
        "AWS::S3::BucketPolicy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Action",
                                        "s3:GetObject",
                                        "Effect",
                                        "Allow",
                                        "Principal",
                                        Map.of("Service", "cloudfront.amazonaws.com"),
                                        "Condition",
                                        Map.of(
                                            "StringEquals",
                                            Map.of("AWS:SourceArn", Match.anyValue())))))))))));
    web.hasResourceProperties(
        "AWS::CloudFront::OriginAccessControl",
        Map.of(
            "OriginAccessControlConfig",
            Match.objectLike(
                Map.of(
                    "OriginAccessControlOriginType", "s3",
                    "SigningBehavior", "always",
                    "SigningProtocol", "sigv4"))));
  }

  @Test
  void distribution_sendsSecurityHeaders_fallsBackToTheApp_andProxiesTheApiUncached() {
    Template web = app.template("Topgun-dev-Web");
    web.hasResourceProperties(
        "AWS::CloudFront::ResponseHeadersPolicy",
        Map.of(
            "ResponseHeadersPolicyConfig",
            Match.objectLike(
                Map.of(
                    "SecurityHeadersConfig",
                    Match.objectLike(
                        Map.of(
                            "StrictTransportSecurity",
                                Map.of(
                                    "AccessControlMaxAgeSec", 63072000,
                                    "IncludeSubdomains", true,
                                    "Preload", true,
                                    "Override", true),
                            "ContentSecurityPolicy",
                                Map.of("ContentSecurityPolicy", Match.anyValue(), "Override", true),
                            "ContentTypeOptions", Map.of("Override", true),
                            "FrameOptions", Map.of("FrameOption", "DENY", "Override", true)))))));
    // the app's policy, its region written out where CSP allows no wildcard
    String policy =
        web.findResources("AWS::CloudFront::ResponseHeadersPolicy").values().stream()
            .map(Object::toString)
            .filter(r -> r.contains("connect-src"))
            .findFirst()
            .orElseThrow();
    assertThat(policy)
        .contains("frame-ancestors 'none'")
        .contains("connect-src 'self' https://cognito-idp.")
        .contains(".amazonaws.com wss://*.execute-api.")
        .contains("AWS::Region")
        .doesNotContain("cognito-idp.*.");
    web.hasResourceProperties(
        "AWS::CloudFront::Distribution",
        Map.of(
            "DistributionConfig",
            Match.objectLike(
                Map.of(
                    "DefaultRootObject", "index.html",
                    "Logging", Match.objectLike(Map.of("Prefix", "cloudfront/web/")),
                    "DefaultCacheBehavior",
                        Match.objectLike(
                            Map.of(
                                "ViewerProtocolPolicy", "redirect-to-https",
                                "ResponseHeadersPolicyId", Match.anyValue(),
                                "FunctionAssociations",
                                    List.of(
                                        Map.of(
                                            "EventType",
                                            "viewer-request",
                                            "FunctionARN",
                                            Match.anyValue())))),
                    "CacheBehaviors",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "PathPattern", "/v1/*",
                                        "ViewerProtocolPolicy", "https-only",
                                        // AWS's managed CachingDisabled policy.
                                        "CachePolicyId", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
                                        "AllowedMethods",
                                            List.of(
                                                "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST",
                                                "DELETE")))))))));
  }

  @Test
  void everyRoute_isUnderTheApiBehaviourOfTheDistribution() {
    assertThat(app.declarations().routes().routes())
        .allSatisfy(route -> assertThat(route.path()).startsWith("/v1/"));
  }

  // ---- branding ----

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void branding_isOneLambdaLikeTheOthers_fromItsJar_withSnapStart_andTheAssetsBucketsName(
      String stage) {
    Map<String, Object> api = app.json("Topgun-" + stage + "-Api");
    assertThat(app.declarations().functions()).containsKey("branding");
    app.template("Topgun-" + stage + "-Api")
        .hasResourceProperties(
            "AWS::Lambda::Function",
            Match.objectLike(
                Map.of(
                    "FunctionName", "topgun-" + stage + "-branding",
                    "Runtime", "java25",
                    "Architectures", List.of("arm64"),
                    "Handler", "dev.topgun.shared.lambda.FunctionHandler::handleRequest",
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                    "TracingConfig", Map.of("Mode", "Active"),
                    "Environment",
                        Map.of(
                            "Variables",
                            Match.objectLike(
                                Map.of(
                                    "POWERTOOLS_SERVICE_NAME",
                                    "branding",
                                    "TOPGUN_S3_ASSETS_BUCKET",
                                    Map.of(
                                        "Fn::ImportValue",
                                        Match.stringLikeRegexp(
                                            "^Topgun-" + stage + "-Data:.*ObjectsAssets.*")),
                                    "TOPGUN_MAIL_CREDENTIALS_SECRET_ARN",
                                    Match.anyValue()))))));
    Map<String, Object> branding = properties(function(api, "branding"));
    Map<String, Object> platform = properties(function(api, "platform"));
    for (String setting :
        List.of(
            "Runtime",
            "Architectures",
            "Handler",
            "SnapStart",
            "TracingConfig",
            "MemorySize",
            "Timeout",
            "Layers")) {
      assertThat(branding.get(setting)).as(setting).isEqualTo(platform.get(setting));
    }
    // a live alias, which the routes, the rule and the schedule invoke
    assertThat(liveAlias(api, "branding")).isNotBlank();
  }

  @Test
  void brandingsPublicRoutes_areOpen_andItsOtherRoutesNeedASignedInUser() {
    List<Route> routes =
        app.declarations().routes().routes().stream()
            .filter(route -> route.function().equals("branding"))
            .toList();
    assertThat(routes)
        .filteredOn(Route::isPublic)
        .extracting(route -> route.method() + " " + route.path())
        .containsExactlyInAnyOrder(
            "GET /v1/branding/resolve",
            "GET /v1/branding/css/{file}",
            "GET /v1/branding/assets/{owner}/{file}");
    Map<String, Object> api = app.json("Topgun-dev-Api");
    Map<String, String> paths = resourcePaths(api);
    String alias = liveAlias(api, "branding");
    for (Route route : routes) {
      Map<String, Object> method =
          single(
              resources(
                  api,
                  (id, r) ->
                      "AWS::ApiGateway::Method".equals(r.get("Type"))
                          && route.method().equals(properties(r).get("HttpMethod"))
                          && route
                              .path()
                              .equals(paths.get(map(properties(r).get("ResourceId")).get("Ref")))));
      assertThat(properties(method).get("AuthorizationType"))
          .as(route.method() + " " + route.path())
          .isEqualTo(route.isPublic() ? "NONE" : "COGNITO_USER_POOLS");
      assertThat(map(properties(method).get("Integration")).get("Uri").toString())
          .contains("{Ref=" + alias + "}");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void brandingHostnameRecheck_runsDailyOnTheDefaultBus_intoBrandingsAlias(String stage) {
    Map<String, Object> api = app.json("Topgun-" + stage + "-Api");
    EventRules.Schedule declared =
        single(
            app.declarations().rules().schedules().stream()
                .filter(schedule -> schedule.name().equals("branding-hostname-recheck"))
                .toList());
    assertThat(declared.expression()).isEqualTo("rate(1 day)");
    assertThat(declared.function()).isEqualTo("branding");
    String alias = liveAlias(api, "branding");

    app.template("Topgun-" + stage + "-Api")
        .hasResourceProperties(
            "AWS::Events::Rule",
            Match.objectLike(
                Map.of(
                    "ScheduleExpression",
                    "rate(1 day)",
                    "State",
                    "ENABLED",
                    "Targets",
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Arn",
                                Json.ref(alias),
                                "InputTransformer",
                                Match.objectLike(
                                    Map.of(
                                        "InputTemplate",
                                        Match.stringLikeRegexp(
                                            ".*\"detail\":\\{\"schedule\":"
                                                + "\"branding-hostname-recheck\"\\}.*")))))))));
    Map<String, Object> rule =
        single(
            resources(
                api,
                (id, r) ->
                    "AWS::Events::Rule".equals(r.get("Type"))
                        && String.valueOf(properties(r).get("Description"))
                            .startsWith("Topgun schedule branding-hostname-recheck")));
    // EventBridge runs schedules on the account's default bus only
    assertThat(properties(rule)).doesNotContainKey("EventBusName");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void brandingWarmUp_isARuleOnTheTopgunBus_forBrandingChanged_intoBrandingsAlias(String stage) {
    Map<String, Object> api = app.json("Topgun-" + stage + "-Api");
    String bus = single(resources(api, "AWS::Events::EventBus").keySet());
    String alias = liveAlias(api, "branding");
    Template template = app.template("Topgun-" + stage + "-Api");

    template.hasResourceProperties(
        "AWS::Events::Rule",
        Match.objectLike(
            Map.of(
                "Description",
                "Topgun event rule branding-warm-up",
                "EventBusName",
                Json.ref(bus),
                "EventPattern",
                Map.of(
                    "source", List.of("topgun.branding"),
                    "detail-type", List.of("BrandingChanged")),
                "Targets",
                List.of(Match.objectLike(Map.of("Id", "branding", "Arn", Json.ref(alias)))))));
    String rule =
        single(
            resources(
                    api,
                    (id, r) ->
                        "AWS::Events::Rule".equals(r.get("Type"))
                            && "Topgun event rule branding-warm-up"
                                .equals(properties(r).get("Description")))
                .keySet());
    // only this rule may invoke branding's alias for it
    template.hasResourceProperties(
        "AWS::Lambda::Permission",
        Match.objectLike(
            Map.of(
                "Action",
                "lambda:InvokeFunction",
                "FunctionName",
                Json.ref(alias),
                "Principal",
                "events.amazonaws.com",
                "SourceArn",
                Map.of("Fn::GetAtt", List.of(rule, "Arn")))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void brandingsRole_usesTheAssetsBucketUnderBrandingOnly_readsTheMailSecret_neverPutsEvents(
      String stage) {
    Map<String, Object> api = app.json("Topgun-" + stage + "-Api");
    String role = functionRoleId(api, "branding");
    Object assetsUnderBranding =
        Map.of(
            "Fn::Join",
            List.of(
                "",
                List.of(
                    Map.of(
                        "Fn::ImportValue",
                        Match.stringLikeRegexp(
                            "^Topgun-" + stage + "-Data:.*ObjectsAssets.*Arn.*")),
                    "/branding/*")));
    app.template("Topgun-" + stage + "-Api")
        .hasResourceProperties(
            "AWS::IAM::Policy",
            Match.objectLike(
                Map.of(
                    "Roles",
                    List.of(Json.ref(role)),
                    "PolicyDocument",
                    Match.objectLike(
                        Map.of(
                            "Statement",
                            Match.arrayWith(
                                List.of(
                                    Map.of(
                                        "Action",
                                        List.of("s3:GetObject", "s3:PutObject"),
                                        "Effect",
                                        "Allow",
                                        "Resource",
                                        assetsUnderBranding))))))));

    List<Map<String, Object>> statements = roleStatements(api, "branding");
    List<Map<String, Object>> s3 =
        statements.stream().filter(s -> list(s.get("Action")).toString().contains("s3:")).toList();
    assertThat(s3).hasSize(1);
    assertThat(list(s3.get(0).get("Action"))).containsExactly("s3:GetObject", "s3:PutObject");
    assertThat(list(s3.get(0).get("Resource"))).hasSize(1);
    assertThat(s3.get(0).get("Resource").toString())
        .contains("ObjectsAssets", "/branding/*")
        .doesNotContain("ObjectsState");
    assertThat(statements)
        .noneMatch(s -> list(s.get("Action")).toString().contains("events:PutEvents"))
        .noneMatch(s -> list(s.get("Action")).toString().contains("s3:DeleteObject"))
        // the assets bucket is S3-encrypted: no key through S3
        .noneMatch(s -> String.valueOf(s.get("Condition")).contains("s3."));
    // it mails owners (a hostname suspended) with the SES SMTP credentials, read as organizations
    // reads them
    assertThat(statements)
        .anySatisfy(
            s -> {
              assertThat(list(s.get("Action"))).contains("secretsmanager:GetSecretValue");
              assertThat(s.get("Resource").toString()).contains("MailCredentials");
            });
    // and no other function's role touches an object bucket
    for (FunctionModule module : app.declarations().functions().values()) {
      if (!module.name().equals("branding")) {
        assertThat(roleStatements(api, module.name()))
            .as(module.name())
            .noneMatch(s -> list(s.get("Action")).toString().contains("s3:"));
      }
    }
  }

  @Test
  void restApi_passesImagesAndOctetStreamsAsBytes_asBrandingsUploadsAndFilesNeed() {
    app.template("Topgun-dev-Api")
        .hasResourceProperties(
            "AWS::ApiGateway::RestApi",
            Match.objectLike(
                Map.of("BinaryMediaTypes", List.of("image~1*", "application~1octet-stream"))));
  }

  @Test
  void distribution_cachesBrandingsFilesFromTheApi_aheadOfTheUncachedApiBehaviour() {
    Map<String, Object> web = app.json("Topgun-dev-Web");
    Map<String, Object> config =
        map(
            properties(single(resources(web, "AWS::CloudFront::Distribution")))
                .get("DistributionConfig"));
    List<Map<String, Object>> behaviours =
        list(config.get("CacheBehaviors")).stream().map(Json::map).toList();
    // CloudFront takes the first pattern that matches: branding's before /v1/*
    assertThat(behaviours)
        .extracting(behaviour -> behaviour.get("PathPattern"))
        .containsExactly("/v1/branding/assets/*", "/v1/branding/css/*", "/v1/*");
    String cachePolicy = single(resources(web, "AWS::CloudFront::CachePolicy").keySet());
    String brandingHeaders =
        single(
            resources(
                    web,
                    (id, r) ->
                        "AWS::CloudFront::ResponseHeadersPolicy".equals(r.get("Type"))
                            && map(properties(r).get("ResponseHeadersPolicyConfig"))
                                .get("Name")
                                .equals("topgun-dev-branding-files-headers"))
                .keySet());
    Map<String, Map<String, Object>> origins = new HashMap<>();
    list(config.get("Origins")).forEach(o -> origins.put((String) map(o).get("Id"), map(o)));
    Map<String, Object> api = origins.get((String) behaviours.get(2).get("TargetOriginId"));
    for (Map<String, Object> behaviour : behaviours.subList(0, 2)) {
      assertThat(behaviour)
          .containsEntry("CachePolicyId", Json.ref(cachePolicy))
          .containsEntry("ResponseHeadersPolicyId", Json.ref(brandingHeaders))
          .containsEntry("ViewerProtocolPolicy", "https-only")
          .containsEntry("AllowedMethods", List.of("GET", "HEAD"))
          .containsEntry("CachedMethods", List.of("GET", "HEAD"))
          .containsEntry("Compress", true)
          // only the cache key reaches the origin: no cookie, no query string, no viewer header
          .doesNotContainKey("OriginRequestPolicyId");
      Map<String, Object> origin = origins.get((String) behaviour.get("TargetOriginId"));
      // the API (the branding function), not the assets bucket
      assertThat(origin.get("DomainName")).isEqualTo(api.get("DomainName"));
      assertThat(origin.get("OriginPath")).isEqualTo(api.get("OriginPath"));
      assertThat(origin).containsKey("CustomOriginConfig").doesNotContainKey("S3OriginConfig");
      assertThat(origin.get("OriginCustomHeaders"))
          .isEqualTo(
              List.of(
                  Map.of(
                      "HeaderName", "Accept",
                      "HeaderValue", "application/octet-stream, */*;q=0.1")));
    }
    // the Accept the edge sends for them names a binary media type of the API first
    String accept =
        (String)
            map(list(origins
                        .get((String) behaviours.get(0).get("TargetOriginId"))
                        .get("OriginCustomHeaders"))
                    .get(0))
                .get("HeaderValue");
    assertThat(
            list(
                properties(
                        single(resources(app.json("Topgun-dev-Api"), "AWS::ApiGateway::RestApi")))
                    .get("BinaryMediaTypes")))
        .contains(accept.split(",")[0].strip().replace("/", "~1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void brandingsFiles_areKeptAsTheFunctionsCacheControlSays_keyedByPathAlone(String stage) {
    app.template("Topgun-" + stage + "-Web")
        .hasResourceProperties(
            "AWS::CloudFront::CachePolicy",
            Map.of(
                "CachePolicyConfig",
                Match.objectLike(
                    Map.of(
                        "Name", "topgun-" + stage + "-branding-files",
                        "MinTTL", 0,
                        "DefaultTTL", 86400,
                        "MaxTTL", 31536000,
                        "ParametersInCacheKeyAndForwardedToOrigin",
                            Map.of(
                                "CookiesConfig", Map.of("CookieBehavior", "none"),
                                "HeadersConfig", Map.of("HeaderBehavior", "none"),
                                "QueryStringsConfig", Map.of("QueryStringBehavior", "none"),
                                "EnableAcceptEncodingGzip", true,
                                "EnableAcceptEncodingBrotli", true)))));
  }

  @Test
  void brandingsFiles_runNothing_andAreNeverSniffed() {
    app.template("Topgun-dev-Web")
        .hasResourceProperties(
            "AWS::CloudFront::ResponseHeadersPolicy",
            Map.of(
                "ResponseHeadersPolicyConfig",
                Match.objectLike(
                    Map.of(
                        "Name",
                        "topgun-dev-branding-files-headers",
                        "SecurityHeadersConfig",
                        Match.objectLike(
                            Map.of(
                                "ContentSecurityPolicy",
                                Map.of(
                                    "ContentSecurityPolicy",
                                    "default-src 'none'; img-src 'self';"
                                        + " style-src 'unsafe-inline'; sandbox",
                                    "Override",
                                    true),
                                "ContentTypeOptions",
                                Map.of("Override", true),
                                "StrictTransportSecurity",
                                Match.objectLike(Map.of("AccessControlMaxAgeSec", 63072000))))))));
  }

  // ---- helpers ----

  private static List<EventRules.Stream> streamsNamed(String name) {
    return app.declarations().rules().streams().stream()
        .filter(stream -> stream.name().equals(name))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readJson(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * {@code arn:<partition>:execute-api:<region>:<account>:<api>/<stage>/<method>/@connections/*}.
   */
  private static Map<String, Object> connectionsArn(String api, String stage, String method) {
    return Map.of(
        "Fn::Join",
        List.of(
            "",
            List.of(
                "arn:",
                Json.ref("AWS::Partition"),
                ":execute-api:",
                Json.ref("AWS::Region"),
                ":",
                Json.ref("AWS::AccountId"),
                ":",
                Json.ref(api),
                "/" + stage + "/" + method + "/@connections/*")));
  }

  private static <T> T single(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private static Map<String, Object> key(String name, String type) {
    return Map.of("AttributeName", name, "KeyType", type);
  }

  private static Map<String, Object> stringAttribute(String name) {
    return Map.of("AttributeName", name, "AttributeType", "S");
  }

  private static Map<String, Object> index(String name, String partitionKey, String sortKey) {
    return Map.of(
        "IndexName", name,
        "KeySchema", List.of(key(partitionKey, "HASH"), key(sortKey, "RANGE")),
        "Projection", Map.of("ProjectionType", "ALL"));
  }

  private static List<Map<String, Object>> functionRoles(Map<String, Object> template) {
    return resources(
            template,
            (id, resource) ->
                "AWS::IAM::Role".equals(resource.get("Type"))
                    && properties(resource)
                        .get("AssumeRolePolicyDocument")
                        .toString()
                        .contains("lambda.amazonaws.com"))
        .values()
        .stream()
        .toList();
  }

  /** Every statement of every IAM policy, inline role policy and managed policy. */
  private static List<Map<String, Object>> statements(Map<String, Object> template) {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Map<String, Object> resource :
        resources(
                template,
                (id, r) ->
                    Set.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role")
                        .contains(r.get("Type")))
            .values()) {
      Map<String, Object> properties = properties(resource);
      List<Object> documents = new ArrayList<>();
      if (properties.containsKey("PolicyDocument")) {
        documents.add(properties.get("PolicyDocument"));
      }
      for (Object policy : list(properties.getOrDefault("Policies", List.of()))) {
        documents.add(map(policy).get("PolicyDocument"));
      }
      for (Object document : documents) {
        list(map(document).get("Statement")).forEach(s -> statements.add(map(s)));
      }
    }
    return statements;
  }

  /** Logical id of each API Gateway resource → its full path, e.g. {@code /v1/me}. */
  private static Map<String, String> resourcePaths(Map<String, Object> template) {
    Map<String, Map<String, Object>> resources = resources(template, "AWS::ApiGateway::Resource");
    Map<String, String> paths = new HashMap<>();
    for (String id : resources.keySet()) {
      paths.put(id, pathOf(id, resources));
    }
    return paths;
  }

  private static String pathOf(String id, Map<String, Map<String, Object>> resources) {
    Map<String, Object> properties = properties(resources.get(id));
    Map<String, Object> parent = map(properties.get("ParentId"));
    String prefix = parent.containsKey("Ref") ? pathOf((String) parent.get("Ref"), resources) : "";
    return prefix + "/" + properties.get("PathPart");
  }

  private static String liveAlias(Map<String, Object> template, String functionName) {
    String function =
        single(
            resources(
                    template,
                    (id, r) ->
                        "AWS::Lambda::Function".equals(r.get("Type"))
                            && isFunctionNamed(r, functionName))
                .keySet());
    return single(
        resources(
                template,
                (id, r) ->
                    "AWS::Lambda::Alias".equals(r.get("Type"))
                        && "live".equals(properties(r).get("Name"))
                        && Json.ref(function).equals(properties(r).get("FunctionName")))
            .keySet());
  }

  private static List<Route> throttledRoutes() {
    List<Route> throttled =
        app.declarations().routes().routes().stream()
            .filter(route -> route.throttle() != null)
            .toList();
    assertThat(throttled)
        .extracting(route -> route.method() + " " + route.path())
        .contains("POST /v1/licenses/validate");
    return throttled;
  }

  /** Alias name → the logical id of the key it targets. */
  private static Map<String, String> aliasTargets(Map<String, Object> template) {
    Map<String, String> targets = new HashMap<>();
    for (Map<String, Object> alias : resources(template, "AWS::KMS::Alias").values()) {
      Map<String, Object> properties = properties(alias);
      targets.put(
          (String) properties.get("AliasName"),
          (String) list(map(properties.get("TargetKeyId")).get("Fn::GetAtt")).get(0));
    }
    return targets;
  }

  private static String envelopeKeyId(Map<String, Object> data, String stage) {
    String id = aliasTargets(data).get("alias/topgun-" + stage + "-envelope");
    assertThat(id).as("the key behind alias/topgun-" + stage + "-envelope").isNotNull();
    return id;
  }

  private static Map<String, Object> function(Map<String, Object> template, String name) {
    return single(
        resources(
            template,
            (id, r) -> "AWS::Lambda::Function".equals(r.get("Type")) && isFunctionNamed(r, name)));
  }

  /** Whether {@code resource} is module {@code name}'s Lambda, in either stage. */
  private static boolean isFunctionNamed(Map<String, Object> resource, String name) {
    Object physical = properties(resource).get("FunctionName");
    return StageConfig.NAMES.stream()
        .anyMatch(stage -> ("topgun-" + stage + "-" + name).equals(physical));
  }

  private static Map<String, Object> functionRole(Map<String, Object> template, String name) {
    String roleId = functionRoleId(template, name);
    return resources(template, "AWS::IAM::Role").get(roleId);
  }

  private static String functionRoleId(Map<String, Object> template, String name) {
    return (String)
        list(map(properties(function(template, name)).get("Role")).get("Fn::GetAtt")).get(0);
  }

  /** The statements of every policy attached to the function's role. */
  private static List<Map<String, Object>> roleStatements(
      Map<String, Object> template, String name) {
    Map<String, Object> role = Json.ref(functionRoleId(template, name));
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Map<String, Object> policy : resources(template, "AWS::IAM::Policy").values()) {
      if (list(properties(policy).get("Roles")).contains(role)) {
        list(map(properties(policy).get("PolicyDocument")).get("Statement"))
            .forEach(statement -> statements.add(map(statement)));
      }
    }
    assertThat(statements).as(name + "'s role has policies").isNotEmpty();
    return statements;
  }

  private static <T> T single(Map<String, T> byId) {
    assertThat(byId).hasSize(1);
    return byId.values().iterator().next();
  }

  private static String single(Set<String> ids) {
    assertThat(ids).hasSize(1);
    return ids.iterator().next();
  }
}
