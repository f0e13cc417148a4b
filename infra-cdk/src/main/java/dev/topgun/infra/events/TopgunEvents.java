package dev.topgun.infra.events;

import dev.topgun.infra.config.CanonicalJson;
import dev.topgun.infra.config.FunctionModule;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.nag.Suppress;
import dev.topgun.shared.routes.EventRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The Topgun EventBridge bus and its rules, one per entry of the declared event rules ({@code
 * event-rules.json}, the file the local runtime matches with event-ruler): pattern as written, each
 * target a function's live alias; and one scheduled rule per declared schedule, on the account's
 * default bus (EventBridge runs schedules only there).
 *
 * <p>A schedule's target receives EventBridge's scheduled event rebuilt by an input transformer
 * with {@code detail: {"schedule": "<name>"}}, so that the function routes it by the schedule's
 * name whatever CloudFormation names the rule (the local runtime sends the same event).
 *
 * <p>Events that cannot be delivered after EventBridge's retries, and events a function still fails
 * on after Lambda's asynchronous retries, land in one dead-letter queue ({@link #deadLetters()}),
 * created only when there is a rule, schedule or stream to use it.
 */
public final class TopgunEvents extends Construct {

  /** Lambda's retries of an event its function failed on (the asynchronous invoke maximum). */
  static final int FUNCTION_RETRIES = 2;

  /** The sources the relay may publish under: every domain's, {@code topgun.<domain>}. */
  public static final String RELAYED_SOURCES = "topgun.*";

  private final EventBus bus;
  private Queue deadLetters;

  public TopgunEvents(Construct scope, String id, StageConfig stage) {
    super(scope, id);
    this.bus = EventBus.Builder.create(this, "Bus").eventBusName(stage.prefix()).build();
  }

  /**
   * Adds one rule per declared rule and one scheduled rule per declared schedule, delivering to the
   * named functions' aliases.
   */
  public void addRules(EventRules rules, Map<String, ? extends IFunction> targets) {
    if (rules.rules().isEmpty() && rules.schedules().isEmpty()) {
      return;
    }
    Queue deadLetters = deadLetters();
    Set<String> targeted = new TreeSet<>();
    for (EventRules.Rule declared : rules.rules()) {
      List<CfnRule.TargetProperty> ruleTargets = new ArrayList<>();
      for (String target : declared.targets()) {
        IFunction function = function(targets, target, "event rule " + declared.name());
        ruleTargets.add(target(target, function, deadLetters).build());
      }
      CfnRule rule =
          CfnRule.Builder.create(this, "Rule-" + declared.name())
              .description("Topgun event rule " + declared.name())
              .eventBusName(bus.getEventBusName())
              .eventPattern(CanonicalJson.sortedMap(declared.eventPattern()))
              .state("ENABLED")
              .targets(ruleTargets)
              .build();
      for (String target : declared.targets()) {
        permit(targets.get(target), "Rule-" + declared.name(), rule);
        targeted.add(target);
      }
      deadLettersFrom(deadLetters, rule);
    }
    for (EventRules.Schedule declared : rules.schedules()) {
      IFunction function = function(targets, declared.function(), "schedule " + declared.name());
      CfnRule rule =
          CfnRule.Builder.create(this, "Schedule-" + declared.name())
              .description(
                  "Topgun schedule "
                      + declared.name()
                      + ": "
                      + declared.function()
                      + " "
                      + declared.expression())
              .scheduleExpression(Schedule.expression(declared.expression()).getExpressionString())
              .state("ENABLED")
              .targets(
                  List.of(
                      target(declared.function(), function, deadLetters)
                          .inputTransformer(scheduledEvent(declared.name()))
                          .build()))
              .build();
      permit(function, "Schedule-" + declared.name(), rule);
      deadLettersFrom(deadLetters, rule);
      targeted.add(declared.function());
    }
    for (String target : targeted) {
      targets
          .get(target)
          .configureAsyncInvoke(
              EventInvokeConfigOptions.builder()
                  .retryAttempts(FUNCTION_RETRIES)
                  .maxEventAge(Duration.hours(6))
                  .onFailure(new SqsDestination(deadLetters))
                  .build());
    }
  }

  /**
   * EventBridge's scheduled event as it is, but with {@code detail: {"schedule": "<name>"}}.
   * Unquoted placeholders in a JSON template are inserted as JSON values (strings quoted, the
   * resources as an array).
   */
  static CfnRule.InputTransformerProperty scheduledEvent(String schedule) {
    return CfnRule.InputTransformerProperty.builder()
        .inputPathsMap(
            Map.of(
                "id", "$.id",
                "account", "$.account",
                "time", "$.time",
                "region", "$.region",
                "resources", "$.resources"))
        .inputTemplate(
            "{\"version\":\"0\",\"id\":<id>,\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"account\":<account>,\"time\":<time>,"
                + "\"region\":<region>,\"resources\":<resources>,"
                + "\"detail\":{\"schedule\":\""
                + schedule
                + "\"}}")
        .build();
  }

  private static IFunction function(
      Map<String, ? extends IFunction> targets, String name, String declaredBy) {
    IFunction function = targets.get(name);
    if (function == null) {
      throw new IllegalArgumentException(declaredBy + " targets unknown function " + name);
    }
    return function;
  }

  private static CfnRule.TargetProperty.Builder target(
      String id, IFunction function, Queue deadLetters) {
    return CfnRule.TargetProperty.builder()
        .id(id)
        .arn(function.getFunctionArn())
        .deadLetterConfig(
            CfnRule.DeadLetterConfigProperty.builder().arn(deadLetters.getQueueArn()).build())
        .retryPolicy(
            CfnRule.RetryPolicyProperty.builder()
                .maximumRetryAttempts(8)
                .maximumEventAgeInSeconds(3600)
                .build());
  }

  /** Lets exactly this rule invoke the function. */
  private static void permit(IFunction function, String id, CfnRule rule) {
    function.addPermission(
        id,
        Permission.builder()
            .principal(new ServicePrincipal("events.amazonaws.com"))
            .sourceArn(rule.getAttrArn())
            .build());
  }

  /** Lets exactly this rule send what it cannot deliver to the dead-letter queue. */
  private static void deadLettersFrom(Queue deadLetters, CfnRule rule) {
    deadLetters.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
            .actions(List.of("sqs:SendMessage"))
            .resources(List.of(deadLetters.getQueueArn()))
            .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getAttrArn())))
            .build());
  }

  /**
   * The one dead-letter queue: of the rules' and schedules' targets, of the functions' asynchronous
   * invocations, and of the table stream's event source mappings. Created at first use, so that
   * declarations without any of them deploy no queue.
   */
  public Queue deadLetters() {
    if (deadLetters == null) {
      deadLetters =
          Queue.Builder.create(this, "DeadLetters")
              .encryption(QueueEncryption.SQS_MANAGED)
              .enforceSsl(true)
              .retentionPeriod(Duration.days(14))
              .build();
      Suppress.on(
          deadLetters,
          "SQS3",
          "This queue is itself the dead-letter queue of the event rules' targets and the stream's"
              + " event source mappings; nothing sends on from it.");
    }
    return deadLetters;
  }

  public IEventBus bus() {
    return bus;
  }

  /**
   * Whether {@code function} publishes to the bus: its jar carries the EventBridge SDK, which only
   * the outbox relay needs (every other domain writes its events to the outbox).
   */
  public static boolean publishes(FunctionModule function) {
    return function.hasEventBridgeClient();
  }

  /**
   * Lets the relay put any domain's events on the bus ({@code events:source} {@code topgun.*}): it
   * publishes what every domain wrote to the outbox, under that domain's source.
   */
  public void grantRelay(IGrantable grantee) {
    grantee
        .getGrantPrincipal()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .actions(List.of("events:PutEvents"))
                .resources(List.of(bus.getEventBusArn()))
                .conditions(Map.of("StringLike", Map.of("events:source", RELAYED_SOURCES)))
                .build());
  }

  /** Lets a function read the bus's description (the platform's health check). */
  public void grantDescribe(IGrantable grantee) {
    grantee
        .getGrantPrincipal()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .actions(List.of("events:DescribeEventBus"))
                .resources(List.of(bus.getEventBusArn()))
                .build());
  }
}
