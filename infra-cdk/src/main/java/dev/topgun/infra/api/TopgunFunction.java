package dev.topgun.infra.api;

import dev.topgun.infra.config.FunctionModule;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.nag.Suppress;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsLayerVersion;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsLogLevel;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsOptions;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsVersions;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One function module deployed as one Lambda: its jar as the code, the Java runtime with SnapStart,
 * X-Ray, JSON logs into its own log group, the Powertools and Topgun settings as environment, and a
 * role that starts with nothing but writing those logs and traces. Callers (API Gateway, event
 * rules, state machines) use its {@code live} alias: SnapStart snapshots published versions only.
 */
public final class TopgunFunction extends Construct {

  public static final Runtime RUNTIME = Runtime.JAVA_25;
  public static final String ALIAS = "live";

  /** API Gateway gives up on an integration after 29 seconds; the function stops with it. */
  static final Duration TIMEOUT = Duration.seconds(29);

  private final Role role;
  private final Function function;
  private final Alias alias;

  /**
   * @param environment the Topgun settings every function gets (table, bus, user pool, ...), as
   *     Micronaut reads them from environment variables ({@code TOPGUN_TABLE} is {@code
   *     topgun.table})
   */
  public TopgunFunction(
      Construct scope,
      String id,
      StageConfig stage,
      FunctionModule module,
      Map<String, String> environment) {
    super(scope, id);
    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .logGroupName("/aws/lambda/" + module.resourceName(stage))
            .retention(stage.logRetention())
            .removalPolicy(stage.removalPolicy())
            .build();
    this.role =
        Role.Builder.create(this, "Role")
            // Named, so that a key policy can name it before it exists (EnvelopeKey).
            .roleName(module.resourceName(stage))
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("Topgun " + stage.name() + " function " + module.name())
            .build();
    logs.grantWrite(role);
    Map<String, String> variables = new TreeMap<>(environment);
    variables.put("POWERTOOLS_SERVICE_NAME", module.name());
    variables.put("POWERTOOLS_LOG_LEVEL", stage.logLevel());
    variables.put("POWERTOOLS_METRICS_NAMESPACE", "Topgun");
    variables.put("TOPGUN_STAGE", stage.name());
    this.function =
        Function.Builder.create(this, "Function")
            .functionName(module.resourceName(stage))
            .description("Topgun " + module.name() + " (" + stage.name() + ")")
            .runtime(RUNTIME)
            .architecture(Architecture.ARM_64)
            .handler(module.handler())
            .code(Code.fromAsset(module.jar().toString()))
            .memorySize(stage.functionMemoryMb())
            .timeout(TIMEOUT)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .tracing(Tracing.ACTIVE)
            .loggingFormat(LoggingFormat.JSON)
            .logGroup(logs)
            .role(role)
            .environment(variables)
            // Secrets (cursor key, mail credentials) are read through AWS's extension, not an SDK.
            .paramsAndSecrets(
                ParamsAndSecretsLayerVersion.fromVersion(
                    ParamsAndSecretsVersions.V1_0_103,
                    ParamsAndSecretsOptions.builder()
                        .cacheEnabled(true)
                        .logLevel(ParamsAndSecretsLogLevel.WARN)
                        .build()))
            .build();
    this.alias =
        Alias.Builder.create(this, "Live")
            .aliasName(ALIAS)
            .version(function.getCurrentVersion())
            .build();
    Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "Every deploy publishes a version (currentVersion) and points the live alias at it.");
    Suppress.on(
        role.getNode().findChild("DefaultPolicy"),
        "IAM5",
        "X-Ray's PutTraceSegments and PutTelemetryRecords take no resource ARN, only \"*\";"
            + " every data action of this role names its resource.",
        "Resource::*");
  }

  /** The role the function runs as; grants go here. */
  public IRole role() {
    return role;
  }

  /** The {@code live} alias: what every caller invokes. */
  public IFunction alias() {
    return alias;
  }

  public Function function() {
    return function;
  }
}
