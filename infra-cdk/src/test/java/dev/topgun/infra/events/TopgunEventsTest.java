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
import software.amazon.awscdk.assertions.Match;

/** The bus's rules from a sample declaration (event-rules.json has none yet). */
class TopgunEventsTest {

  static final Map<String, Object> PATTERN =
      Map.of(
          "source", List.of("topgun.licensing"),
          "detail-type", List.of("LicenseRevoked"),
          "detail", Map.of("amount", List.of(Map.of("numeric", List.of(">", 100)))));

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
                          new EventRules.Rule("licenses-revoked", PATTERN, List.of("platform")))),
                  Map.of("platform", Standalone.importedPlatform(stack)));
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
    Map<String, Object> ruleArn = Map.of("Fn::GetAtt", List.of(ruleId(), "Arn"));
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

  private static String ruleId() {
    return synthesized.template().findResources("AWS::Events::Rule").keySet().iterator().next();
  }
}
