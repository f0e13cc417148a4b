package dev.topgun.infra.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.infra.Synth;
import dev.topgun.infra.config.Declarations;
import dev.topgun.infra.config.FunctionModule;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.shared.routes.WebSocketApi;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/** Which function may serve the WebSocket API: decided by the route table and the jars. */
class RealtimeApiTest {

  static final String CONNECTIONS_CLIENT =
      "software/amazon/awssdk/services/apigatewaymanagementapi/ApiGatewayManagementApiClient.class";

  static final WebSocketApi DECLARED =
      new WebSocketApi("/v1/realtime", "platform", List.of("subscribe"));

  @TempDir Path dir;

  @Test
  void builtJars_theWebSocketFunctionCarriesTheConnectionsClient_andOnlyIt() {
    Declarations declarations = Declarations.fromRepository(Synth.ROOT);
    String served = declarations.routes().webSocket().orElseThrow().function();

    assertThat(declarations.functions().values())
        .filteredOn(RealtimeApi::uses)
        .extracting(FunctionModule::name)
        .containsExactly(served);
  }

  @Test
  void aWebSocketFunctionWithoutTheConnectionsClient_failsTheSynth_namingTheDependency()
      throws IOException {
    // given platform's jar no longer carries the @connections client
    FunctionModule platform =
        new FunctionModule("platform", jar("platform", "dev/topgun/Other.class"));
    Stack stack = new Stack(new App(), "Realtime");

    // then
    assertThatThrownBy(
            () -> new RealtimeApi(stack, "Realtime", StageConfig.dev(), DECLARED, platform))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("served by platform")
        .hasMessageContaining("software.amazon.awssdk:apigatewaymanagementapi")
        .hasMessageContaining("functions/platform/pom.xml");
  }

  @Test
  void aFunctionWithTheConnectionsClient_servesIt() throws IOException {
    // given
    FunctionModule platform = new FunctionModule("platform", jar("platform", CONNECTIONS_CLIENT));
    Stack stack = new Stack(new App(), "Realtime");

    // when
    RealtimeApi realtime =
        new RealtimeApi(stack, "Realtime", StageConfig.dev(), DECLARED, platform);

    // then
    assertThat(realtime.function()).isEqualTo("platform");
    assertThat(realtime.settings())
        .containsOnlyKeys(RealtimeApi.ENDPOINT_VARIABLE, RealtimeApi.URL_VARIABLE);
  }

  private Path jar(String name, String entry) throws IOException {
    Path jar = dir.resolve(name + "-lambda.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new ZipEntry(entry));
      out.write(new byte[] {0});
      out.closeEntry();
    }
    return jar;
  }
}
