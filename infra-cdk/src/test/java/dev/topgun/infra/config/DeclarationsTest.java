package dev.topgun.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.infra.Synth;
import dev.topgun.shared.routes.EventRules;
import dev.topgun.shared.routes.RouteTable;
import dev.topgun.shared.routes.WebSocketApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclarationsTest {

  @Test
  void missingLambdaJar_failsTheSynth_namingTheJarAndTheBuildCommand(@TempDir Path root)
      throws Exception {
    // given a repository whose function module has not been built
    Files.createDirectories(root.resolve("functions/billing"));
    Files.writeString(root.resolve("functions/billing/pom.xml"), "<project/>");

    // then
    assertThatThrownBy(() -> Declarations.fromRepository(root))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("functions/billing/target/billing-lambda.jar")
        .hasMessageContaining("mvn -B package -DskipTests -am -pl functions/billing");
  }

  @Test
  void everyFunctionModule_isBuiltBeforeThisModule_throughAPomDependency() throws Exception {
    // The reactor orders infra-cdk after each function only through these dependencies; without
    // one, `mvn verify` could synthesize before that function's jar is packaged.
    String pom = Files.readString(Synth.ROOT.resolve("infra-cdk/pom.xml"));
    assertThat(Declarations.functionModuleNames(Synth.ROOT))
        .isNotEmpty()
        .allSatisfy(
            name ->
                assertThat(
                        Pattern.compile(
                                "<artifactId>"
                                    + Pattern.quote(name)
                                    + "</artifactId>\\s*<version>\\$\\{project.version}</version>"
                                    + "\\s*<type>pom</type>")
                            .matcher(pom)
                            .find())
                    .as("infra-cdk/pom.xml declares functions/" + name + " (type pom)")
                    .isTrue());
  }

  @Test
  void repository_hasAJarForEveryFunctionModule_andEveryRouteHasItsFunction() {
    Declarations declarations = Declarations.fromRepository(Synth.ROOT);

    assertThat(declarations.functions().keySet())
        .containsExactlyElementsOf(Declarations.functionModuleNames(Synth.ROOT))
        .contains("platform", "organizations");
    assertThat(declarations.routes().functions()).isSubsetOf(declarations.functions().keySet());
    assertThat(declarations.functions().values())
        .allSatisfy(
            module ->
                assertThat(module.handler())
                    .isEqualTo("dev.topgun.shared.lambda.FunctionHandler::handleRequest"));
  }

  @Test
  void ruleOrScheduleTargetingAFunctionWithNoModule_failsTheSynth_namingIt() {
    // given
    Declarations repository = Declarations.fromRepository(Synth.ROOT);
    EventRules withSchedule =
        repository
            .rules()
            .withSchedules(
                List.of(new EventRules.Schedule("billing-dunning", "rate(1 day)", "billing")));

    // then
    assertThatThrownBy(() -> repository.withRules(withSchedule))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schedule billing-dunning -> billing");
  }

  @Test
  void streamFeedingAFunctionWithNoModule_failsTheSynth_namingIt() {
    // given
    Declarations repository = Declarations.fromRepository(Synth.ROOT);
    EventRules withStream =
        repository
            .rules()
            .withStreams(
                List.of(
                    new EventRules.Stream(
                        "invoices-to-billing",
                        "billing",
                        Map.of("eventName", List.of("INSERT")),
                        null)));

    // then
    assertThatThrownBy(() -> repository.withRules(withStream))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream invoices-to-billing -> billing");
  }

  @Test
  void webSocketApiServedByAFunctionWithNoModule_failsTheSynth_namingIt() {
    // given
    Declarations repository = Declarations.fromRepository(Synth.ROOT);
    RouteTable withWebSocket =
        repository
            .routes()
            .withWebSocket(new WebSocketApi("/v1/live", "billing", List.of("subscribe")));

    // then
    assertThatThrownBy(() -> repository.withRoutes(withWebSocket))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("websocket /v1/live -> billing");
  }

  @Test
  void stage_isRequired_andOnlyDevOrProd() {
    assertThatThrownBy(() -> StageConfig.named(null))
        .hasMessageContaining("-c stage=dev or -c stage=prod");
    assertThatThrownBy(() -> StageConfig.named("staging"))
        .hasMessageContaining("unknown stage 'staging'");
    assertThat(StageConfig.named("prod").production()).isTrue();
    assertThat(StageConfig.named("dev").production()).isFalse();
  }
}
