package dev.topgun.infra.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.infra.Standalone;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.shared.routes.EventRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.iam.FromRoleArnOptions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.lambda.IFunction;

/** The bus's rules and the schedules from a sample declaration. */
class TopgunEventsTest {

  static final Map<String, Object> PATTERN =
      Map.of(
          "source", List.of("topgun.licensing"),
          "detail-type", List.of("LicenseRevoked"),
          "detail", Map.of("amount", List.of(Map.of("numeric", List.of(">", 100)))));

  static final EventRules.Schedule SWEEP =
      new EventRules.Schedule("licensing-sweep", "rate(15 minutes)", "platform");

  @TempDir static Path outdir;
  static Standalone synthesized;

  @BeforeAll
  static void synthesize() {
    synthesized =
        Standalone.synth(
            outdir,
            stack -> {
              TopgunEvents events = new TopgunEvents(stack, "Events", StageConfig.dev());
              events.addRules(
                  EventRules.of(
                      List.of(
                          new EventRules.Rule("licenses-revoked", PATTERN, List.of("platform"))),
                      List.of(SWEEP)),
                  Map.of("platform", importedPlatformWithItsRole(stack)));
            });
  }

  @Test
  void declaredRule_isARuleOnTheBus_withThePatternAsWritten_deliveringToTheAlias() {
    synthesized
        .template()
        .hasResourceProperties(
            "AWS::Events::Rule",
            Match.objectLike(
                Map.of(
                    "EventBusName",
                    Match.anyValue(),
                    "EventPattern",
                    PATTERN,
                    "State",
                    "ENABLED",
                    "Targets",
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Id",
                                "platform",
                                "Arn",
                                Standalone.PLATFORM_ARN,
                                "DeadLetterConfig",
                                Map.of("Arn", Match.anyValue()),
                                "RetryPolicy",
                                Map.of(
                                    "MaximumRetryAttempts", 8,
                                    "MaximumEventAgeInSeconds", 3600)))))));
  }

  @Test
  void target_letsOnlyThisRuleInvokeIt_andTheDeadLetterQueueTakesOnlyThisRule() {
    Map<String, Object> ruleArn = Map.of("Fn::GetAtt", List.of(ruleId("EventPattern"), "Arn"));
    synthesized
        .template()
        .hasResourceProperties(
            "AWS::Lambda::Permission",
            Match.objectLike(
                Map.of(
                    "Action",
                    "lambda:InvokeFunction",
                    "FunctionName",
                    Standalone.PLATFORM_ARN,
                    "Principal",
                    "events.amazonaws.com",
                    "SourceArn",
                    ruleArn)));
    Object sendFromThisRule =
        Match.objectLike(
            Map.of(
                "Action", "sqs:SendMessage",
                "Principal", Map.of("Service", "events.amazonaws.com"),
                "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", ruleArn))));
    synthesized
        .template()
        .hasResourceProperties(
            "AWS::SQS::QueuePolicy",
            Match.objectLike(
                Map.of(
                    "PolicyDocument",
                    Match.objectLike(
                        Map.of("Statement", Match.arrayWith(List.of(sendFromThisRule)))))));
  }

  @Test
  void rulesStack_passesCdkNag() {
    assertThat(synthesized.nagErrors()).isEmpty();
  }

  @Test
  void declaredSchedule_isARuleOnTheDefaultBus_sendingTheScheduledEventWithItsName() {
    Map<String, Object> rule =
        synthesized.template().findResources("AWS::Events::Rule").get(ruleId("ScheduleExpression"));
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) rule.get("Properties");

    // the default bus: EventBridge runs schedules only there
    assertThat(properties).doesNotContainKey("EventBusName").doesNotContainKey("EventPattern");
    synthesized
        .template()
        .hasResourceProperties(
            "AWS::Events::Rule",
            Match.objectLike(
                Map.of(
                    "ScheduleExpression",
                    "rate(15 minutes)",
                    "State",
                    "ENABLED",
                    "Targets",
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Id",
                                "platform",
                                "Arn",
                                Standalone.PLATFORM_ARN,
                                "DeadLetterConfig",
                                Map.of("Arn", Match.anyValue()),
                                "RetryPolicy",
                                Map.of(
                                    "MaximumRetryAttempts", 8,
                                    "MaximumEventAgeInSeconds", 3600),
                                "InputTransformer",
                                Map.of(
                                    "InputPathsMap",
                                    Map.of(
                                        "id", "$.id",
                                        "account", "$.account",
                                        "time", "$.time",
                                        "region", "$.region",
                                        "resources", "$.resources"),
                                    "InputTemplate",
                                    "{\"version\":\"0\",\"id\":<id>,"
                                        + "\"detail-type\":\"Scheduled Event\","
                                        + "\"source\":\"aws.events\",\"account\":<account>,"
                                        + "\"time\":<time>,\"region\":<region>,"
                                        + "\"resources\":<resources>,"
                                        + "\"detail\":{\"schedule\":\"licensing-sweep\"}}")))))));
    synthesized
        .template()
        .hasResourceProperties(
            "AWS::Lambda::Permission",
            Match.objectLike(
                Map.of(
                    "FunctionName",
                    Standalone.PLATFORM_ARN,
                    "Principal",
                    "events.amazonaws.com",
                    "SourceArn",
                    Map.of("Fn::GetAtt", List.of(ruleId("ScheduleExpression"), "Arn")))));
  }

  @Test
  void scheduledEventTemplate_isTheEventTheFunctionReads_onceEventBridgeFillsIn() throws Exception {
    // given: EventBridge's substitution (a string value quoted, an array as it is)
    String template = TopgunEvents.scheduledEvent("licensing-sweep").getInputTemplate();
    String filled =
        template
            .replace("<id>", "\"89f1a5c2-0000-4000-8000-000000000000\"")
            .replace("<account>", "\"123456789012\"")
            .replace("<time>", "\"2026-11-25T12:15:00Z\"")
            .replace("<region>", "\"eu-west-1\"")
            .replace("<resources>", "[\"arn:aws:events:eu-west-1:123456789012:rule/x\"]");

    // then: the members of the fixture shared-lib's handler tests read, the schedule named
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode event = mapper.readTree(filled);
    com.fasterxml.jackson.databind.JsonNode fixture =
        mapper.readTree(
            dev.topgun.infra.Synth.ROOT
                .resolve("shared-lib/src/test/resources/events/eventbridge-scheduled.json")
                .toFile());
    assertThat(names(event)).isEqualTo(names(fixture));
    assertThat(event.path("detail").path("schedule").asText()).isEqualTo("licensing-sweep");
    assertThat(event.path("source").asText()).isEqualTo("aws.events");
    assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
  }

  @Test
  void targetFunctions_retryAFailedEventTwice_thenSendItToTheDeadLetterQueue() {
    synthesized
        .template()
        .hasResourceProperties(
            "AWS::Lambda::EventInvokeConfig",
            Match.objectLike(
                Map.of(
                    "MaximumRetryAttempts",
                    2,
                    "MaximumEventAgeInSeconds",
                    21600,
                    "DestinationConfig",
                    Map.of(
                        "OnFailure",
                        Map.of("Destination", Map.of("Fn::GetAtt", List.of(queueId(), "Arn")))))));
    synthesized.template().resourceCountIs("AWS::Lambda::EventInvokeConfig", 1);
  }

  /**
   * The platform function as {@link Standalone} imports it, with its (immutable) role: a failure
   * destination grants the function's role the right to send to the queue.
   */
  private static IFunction importedPlatformWithItsRole(Stack stack) {
    return Function.fromFunctionAttributes(
        stack,
        "ImportedPlatform",
        FunctionAttributes.builder()
            .functionArn(Standalone.PLATFORM_ARN)
            .sameEnvironment(true)
            .role(
                Role.fromRoleArn(
                    stack,
                    "ImportedPlatformRole",
                    "arn:aws:iam::111111111111:role/topgun-dev-platform",
                    FromRoleArnOptions.builder().mutable(false).build()))
            .build());
  }

  private static java.util.Set<String> names(com.fasterxml.jackson.databind.JsonNode object) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @SuppressWarnings("unchecked")
  private static String ruleId(String property) {
    return synthesized.template().findResources("AWS::Events::Rule").entrySet().stream()
        .filter(e -> ((Map<String, Object>) e.getValue().get("Properties")).containsKey(property))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  private static String queueId() {
    return synthesized.template().findResources("AWS::SQS::Queue").keySet().iterator().next();
  }
}
