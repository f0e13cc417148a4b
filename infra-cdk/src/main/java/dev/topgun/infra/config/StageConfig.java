package dev.topgun.infra.config;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * What differs between the deployed stages. The stage comes from CDK context ({@code -c
 * stage=dev}); accounts and regions come from the CLI's credentials, never from this code.
 *
 * @param name {@code dev} or {@code prod}; part of every stack and resource name, so both stages
 *     can share one account
 * @param production keep data when a stack or resource is deleted, protect it against deletion
 * @param logRetention how long Lambda, API Gateway and Step Functions logs are kept
 * @param logLevel the functions' {@code POWERTOOLS_LOG_LEVEL}
 * @param throttleRate API Gateway's steady-state requests per second for the stage
 * @param throttleBurst API Gateway's burst for the stage
 * @param functionMemoryMb every function's memory (and so its CPU share)
 */
public record StageConfig(
    String name,
    boolean production,
    RetentionDays logRetention,
    String logLevel,
    int throttleRate,
    int throttleBurst,
    int functionMemoryMb) {

  public static final String CONTEXT_KEY = "stage";
  public static final List<String> NAMES = List.of("dev", "prod");

  public StageConfig {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("stage must be one of " + NAMES + ": " + name);
    }
  }

  public static StageConfig dev() {
    return new StageConfig("dev", false, RetentionDays.ONE_MONTH, "DEBUG", 50, 100, 1024);
  }

  public static StageConfig prod() {
    return new StageConfig("prod", true, RetentionDays.ONE_YEAR, "INFO", 500, 1000, 1024);
  }

  public static StageConfig named(String name) {
    return switch (name == null ? "" : name) {
      case "dev" -> dev();
      case "prod" -> prod();
      default ->
          throw new IllegalArgumentException(
              "unknown stage '"
                  + name
                  + "': pass -c "
                  + CONTEXT_KEY
                  + "=dev or -c "
                  + CONTEXT_KEY
                  + "=prod");
    };
  }

  /** The stage named by context; there is no default, so prod is never deployed by accident. */
  public static StageConfig fromContext(Node node) {
    Object value = node.tryGetContext(CONTEXT_KEY);
    if (value == null) {
      throw new IllegalArgumentException(
          "no stage given: pass -c " + CONTEXT_KEY + "=dev or -c " + CONTEXT_KEY + "=prod");
    }
    return named(value.toString());
  }

  /** {@code topgun-<stage>}, and the table's name. */
  public String prefix() {
    return "topgun-" + name;
  }

  /** {@code topgun-<stage>-<suffix>}: the physical name of a named resource. */
  public String resourceName(String suffix) {
    return prefix() + "-" + suffix;
  }

  /** What happens to stateful resources (table, keys, buckets, user pool) when deleted. */
  public RemovalPolicy removalPolicy() {
    return production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  }
}
