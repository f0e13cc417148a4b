package dev.topgun.infra.events;

import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.nag.Suppress;
import dev.topgun.shared.routes.EventRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The Topgun EventBridge bus and its rules, one per entry of the declared event rules ({@code
 * event-rules.json}, the file the local runtime matches with event-ruler): pattern as written, each
 * target a function's live alias. Deliveries that still fail after EventBridge's retries land in
 * one dead-letter queue, created only when there is a rule to use it.
 */
public final class TopgunEvents extends Construct {

  private final EventBus bus;

  public TopgunEvents(Construct scope, String id, StageConfig stage) {
    super(scope, id);
    this.bus = EventBus.Builder.create(this, "Bus").eventBusName(stage.prefix()).build();
  }

  /** Adds one rule per declared rule, delivering to the named functions' aliases. */
  public void addRules(EventRules rules, Map<String, ? extends IFunction> targets) {
    if (rules.rules().isEmpty()) {
      return;
    }
    Queue deadLetters =
        Queue.Builder.create(this, "DeadLetters")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    Suppress.on(
        deadLetters,
        "SQS3",
        "This queue is itself the dead-letter queue of the event rules' targets; nothing sends on"
            + " from it.");
    for (EventRules.Rule declared : rules.rules()) {
      List<CfnRule.TargetProperty> ruleTargets = new ArrayList<>();
      for (String target : declared.targets()) {
        IFunction function = targets.get(target);
        if (function == null) {
          throw new IllegalArgumentException(
              "event rule " + declared.name() + " targets unknown function " + target);
        }
        ruleTargets.add(
            CfnRule.TargetProperty.builder()
                .id(target)
                .arn(function.getFunctionArn())
                .deadLetterConfig(
                    CfnRule.DeadLetterConfigProperty.builder()
                        .arn(deadLetters.getQueueArn())
                        .build())
                .retryPolicy(
                    CfnRule.RetryPolicyProperty.builder()
                        .maximumRetryAttempts(8)
                        .maximumEventAgeInSeconds(3600)
                        .build())
                .build());
      }
      CfnRule rule =
          CfnRule.Builder.create(this, "Rule-" + declared.name())
              .description("Topgun event rule " + declared.name())
              .eventBusName(bus.getEventBusName())
              .eventPattern(declared.eventPattern())
              .state("ENABLED")
              .targets(ruleTargets)
              .build();
      for (String target : declared.targets()) {
        targets
            .get(target)
            .addPermission(
                "Rule-" + declared.name(),
                Permission.builder()
                    .principal(new ServicePrincipal("events.amazonaws.com"))
                    .sourceArn(rule.getAttrArn())
                    .build());
      }
      deadLetters.addToResourcePolicy(
          PolicyStatement.Builder.create()
              .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
              .actions(List.of("sqs:SendMessage"))
              .resources(List.of(deadLetters.getQueueArn()))
              .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getAttrArn())))
              .build());
    }
  }

  public IEventBus bus() {
    return bus;
  }

  /**
   * Lets a function publish to the bus under its own domain's source only ({@code topgun.<name>}),
   * as every domain publishes its facts.
   */
  public void grantPublish(IGrantable grantee, String functionName) {
    grantee
        .getGrantPrincipal()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .actions(List.of("events:PutEvents"))
                .resources(List.of(bus.getEventBusArn()))
                .conditions(
                    Map.of("StringEquals", Map.of("events:source", "topgun." + functionName)))
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
