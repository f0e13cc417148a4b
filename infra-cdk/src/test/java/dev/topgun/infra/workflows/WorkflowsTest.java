package dev.topgun.infra.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.infra.Standalone;
import dev.topgun.infra.Synth;
import dev.topgun.infra.config.StageConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.events.EventBus;

/** The Workflows construct on a sample definition (state-machines/ has none yet). */
class WorkflowsTest {

  static final Path SAMPLES = Synth.ROOT.resolve("infra-cdk/src/test/resources/state-machines");

  @TempDir static Path outdir;
  static Standalone synthesized;

  @BeforeAll
  static void synthesize() {
    synthesized =
        Standalone.synth(
            outdir,
            stack ->
                new Workflows(
                    stack,
                    "Workflows",
                    StageConfig.dev(),
                    List.of(SAMPLES.resolve("provision-sample.asl.json")),
                    Map.of("Platform", Standalone.importedPlatform(stack)),
                    EventBus.fromEventBusName(stack, "Bus", "topgun-dev")));
  }

  @Test
  void stateMachine_logsAllWithExecutionData_andTraces() {
    synthesized
        .template()
        .hasResourceProperties(
            "AWS::StepFunctions::StateMachine",
            Match.objectLike(
                Map.of(
                    "StateMachineName",
                    "topgun-dev-provision-sample",
                    "StateMachineType",
                    "STANDARD",
                    "LoggingConfiguration",
                    Map.of(
                        "Level",
                        "ALL",
                        "IncludeExecutionData",
                        true,
                        "Destinations",
                        List.of(Match.anyValue())),
                    "TracingConfiguration",
                    Map.of("Enabled", true))));
  }

  @Test
  void definition_comesFromTheFile_withItsPlaceholdersSubstituted() {
    synthesized
        .template()
        .hasResourceProperties(
            "AWS::StepFunctions::StateMachine",
            Match.objectLike(
                Map.of(
                    "DefinitionS3Location",
                        Match.objectLike(
                            Map.of("Bucket", Match.anyValue(), "Key", Match.anyValue())),
                    "DefinitionSubstitutions",
                        Map.of(
                            "PlatformFunctionArn",
                            Standalone.PLATFORM_ARN,
                            "EventBusName",
                            "topgun-dev"))));
  }

  @Test
  void role_invokesExactlyTheNamedFunction_andPutsEventsOnTheBus() {
    synthesized
        .template()
        .hasResourceProperties(
            "AWS::IAM::Policy",
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
                                            "events:PutEvents",
                                            "Resource",
                                            Match.anyValue())),
                                    Match.objectLike(
                                        Map.of(
                                            "Action",
                                            "lambda:InvokeFunction",
                                            "Resource",
                                            Standalone.PLATFORM_ARN)))))))));
  }

  @Test
  void sampleStack_passesCdkNag() {
    assertThat(synthesized.nagErrors()).isEmpty();
  }

  @Test
  void unknownPlaceholder_failsTheSynth_namingIt(@TempDir Path other) {
    Path bad =
        Synth.ROOT.resolve("infra-cdk/src/test/resources/state-machines-unknown/bad.asl.json");

    assertThatThrownBy(
            () ->
                Standalone.synth(
                    other,
                    (Stack stack) ->
                        new Workflows(
                            stack,
                            "Workflows",
                            StageConfig.dev(),
                            List.of(bad),
                            Map.of("Platform", Standalone.importedPlatform(stack)),
                            EventBus.fromEventBusName(stack, "Bus", "topgun-dev"))))
        .hasMessageContaining("${BillingFunctionArn}");
  }
}
