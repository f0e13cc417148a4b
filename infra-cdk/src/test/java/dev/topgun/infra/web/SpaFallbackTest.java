package dev.topgun.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.infra.Synth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The CloudFront Function, run by Node (as CloudFront runs JavaScript) on sample requests. */
class SpaFallbackTest {

  static final Path FUNCTION =
      Synth.ROOT.resolve("infra-cdk/src/main/resources/web/spa-fallback.js");

  @Test
  void appRoutes_getTheShell_filesAndAssetsPassThrough() throws Exception {
    assertThat(rewrite("/")).isEqualTo("/index.html");
    assertThat(rewrite("/organizations/01J0ABC/children")).isEqualTo("/index.html");
    assertThat(rewrite("/settings/")).isEqualTo("/index.html");
    assertThat(rewrite("/assets/app.3f9a.js")).isEqualTo("/assets/app.3f9a.js");
    assertThat(rewrite("/favicon.ico")).isEqualTo("/favicon.ico");
    assertThat(rewrite("/index.html")).isEqualTo("/index.html");
  }

  private static String rewrite(String uri) throws Exception {
    String script =
        "const fs = require('fs');"
            + "const handler = new Function(fs.readFileSync(process.argv[1], 'utf8')"
            + " + '; return handler;')();"
            + "process.stdout.write(handler({request: {uri: process.argv[2]}}).uri);";
    Process node =
        new ProcessBuilder(List.of("node", "-e", script, FUNCTION.toString(), uri))
            .redirectErrorStream(true)
            .start();
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.exitValue()).as(out).isZero();
    return out;
  }
}
