package dev.topgun.infra.workflows;

import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.nag.Suppress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * One Step Functions state machine per {@code state-machines/*.asl.json}, read with {@code
 * DefinitionBody.fromFile}. Deploy-time values are {@code ${Placeholders}} substituted by
 * CloudFormation:
 *
 * <ul>
 *   <li>{@code ${<Function>FunctionArn}}: the live alias of a function module ({@code
 *       ${OrganizationsFunctionArn}}); the state machine may invoke exactly the functions it names;
 *   <li>{@code ${EventBusName}}: the Topgun bus; naming it lets the state machine put events on it.
 * </ul>
 *
 * A placeholder outside this list fails the synth. Every state machine logs ALL with execution data
 * to one log group and traces with X-Ray.
 */
public final class Workflows extends Construct {

  static final String FUNCTION_ARN_SUFFIX = "FunctionArn";
  static final String EVENT_BUS_NAME = "EventBusName";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  private final LogGroup logs;
  private final Map<String, StateMachine> stateMachines;

  /**
   * @param definitions the {@code *.asl.json} files
   * @param functions each function's live alias, by {@code Organizations}-style (Pascal) name
   */
  public Workflows(
      Construct scope,
      String id,
      StageConfig stage,
      List<Path> definitions,
      Map<String, IFunction> functions,
      IEventBus bus) {
    super(scope, id);
    this.logs =
        LogGroup.Builder.create(this, "Logs")
            // Step Functions vended logs need the /aws/vendedlogs/ prefix for large policies.
            .logGroupName("/aws/vendedlogs/states/" + stage.prefix())
            .retention(stage.logRetention())
            .removalPolicy(stage.removalPolicy())
            .build();
    Map<String, StateMachine> built = new TreeMap<>();
    for (Path definition : definitions) {
      String name = nameOf(definition);
      built.put(name, stateMachine(stage, definition, name, functions, bus));
    }
    this.stateMachines = Collections.unmodifiableMap(built);
  }

  public ILogGroup logs() {
    return logs;
  }

  /** By name: the definition's file name without {@code .asl.json}. */
  public Map<String, StateMachine> stateMachines() {
    return stateMachines;
  }

  private StateMachine stateMachine(
      StageConfig stage,
      Path definition,
      String name,
      Map<String, IFunction> functions,
      IEventBus bus) {
    Map<String, String> substitutions = new TreeMap<>();
    Set<String> unknown = new TreeSet<>();
    for (String placeholder : placeholders(definition)) {
      if (placeholder.equals(EVENT_BUS_NAME)) {
        substitutions.put(placeholder, bus.getEventBusName());
      } else if (placeholder.endsWith(FUNCTION_ARN_SUFFIX)
          && functions.containsKey(
              placeholder.substring(0, placeholder.length() - FUNCTION_ARN_SUFFIX.length()))) {
        IFunction function =
            functions.get(
                placeholder.substring(0, placeholder.length() - FUNCTION_ARN_SUFFIX.length()));
        substitutions.put(placeholder, function.getFunctionArn());
      } else {
        unknown.add("${" + placeholder + "}");
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          definition
              + " uses "
              + unknown
              + "; infra-cdk substitutes ${"
              + EVENT_BUS_NAME
              + "} and ${<Function>"
              + FUNCTION_ARN_SUFFIX
              + "} for "
              + functions.keySet());
    }
    StateMachine machine =
        StateMachine.Builder.create(this, pascal(name))
            .stateMachineName(stage.resourceName(name))
            .stateMachineType(StateMachineType.STANDARD)
            .definitionBody(DefinitionBody.fromFile(definition.toString()))
            .definitionSubstitutions(substitutions)
            .logs(
                LogOptions.builder()
                    .destination(logs)
                    .level(LogLevel.ALL)
                    .includeExecutionData(true)
                    .build())
            .tracingEnabled(true)
            .build();
    for (String placeholder : substitutions.keySet()) {
      if (placeholder.equals(EVENT_BUS_NAME)) {
        bus.grantPutEventsTo(machine);
      } else {
        // The alias's ARN exactly: grantInvoke would add "<arn>:*", every version.
        machine.addToRolePolicy(
            PolicyStatement.Builder.create()
                .actions(List.of("lambda:InvokeFunction"))
                .resources(List.of(substitutions.get(placeholder)))
                .build());
      }
    }
    Suppress.on(
        machine.getRole().getNode().findChild("DefaultPolicy"),
        "IAM5",
        "CloudWatch Logs delivery (logs:CreateLogDelivery and the rest) and X-Ray take no resource"
            + " ARN, only \"*\"; the functions this state machine invokes are named one by one.",
        "Resource::*");
    return machine;
  }

  private static Set<String> placeholders(Path definition) {
    String text;
    try {
      text = Files.readString(definition);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + definition, e);
    }
    Set<String> found = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  static String nameOf(Path definition) {
    String file = definition.getFileName().toString();
    String name = file.substring(0, file.length() - ".asl.json".length());
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "state machine file names are [a-z][a-z0-9-]*.asl.json: " + definition);
    }
    return name;
  }

  private static String pascal(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("-")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }
}
