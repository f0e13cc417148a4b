package dev.topgun.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.infra.config.Declarations;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app deploys the built web app, refuses to synthesize without it unless told to skip it. */
class WebDeployTest {

  static final Declarations REPOSITORY = Declarations.fromRepository(Synth.ROOT);

  @Test
  void withoutABuiltApp_theSynthFails_sayingHowToBuildOrSkip() {
    // given
    Declarations unbuilt = REPOSITORY.withWebDist(null);

    // when / then
    assertThatThrownBy(() -> TopgunApp.webDeploy(unbuilt, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("web/dist/index.html")
        .hasMessageContaining("npm --prefix web run build")
        .hasMessageContaining("-c skipWebDeploy=true");
  }

  @Test
  void skipWebDeploy_deploysNoApp_evenWhenOneIsBuilt() {
    // when
    Declarations skipped = TopgunApp.webDeploy(REPOSITORY.withWebDist(Synth.WEB_DIST), "true");

    // then
    assertThat(skipped.webDist()).isEmpty();
  }

  @Test
  void aBuiltApp_isDeployed() {
    // when
    Declarations deployed = TopgunApp.webDeploy(REPOSITORY.withWebDist(Synth.WEB_DIST), null);

    // then
    assertThat(deployed.webDist()).hasValue(Synth.WEB_DIST);
  }

  @Test
  void aDistDirectory_isTheBuiltApp_onlyWithItsIndexHtml(@TempDir Path dist) throws Exception {
    // given: a build that stopped before writing the shell
    Files.createDirectories(dist.resolve("assets"));

    // then
    assertThat(Declarations.builtWebApp(dist)).isEmpty();

    // when
    Files.writeString(dist.resolve("index.html"), "<!doctype html>");

    // then
    assertThat(Declarations.builtWebApp(dist)).hasValue(dist.toAbsolutePath().normalize());
  }
}
