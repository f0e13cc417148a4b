package dev.topgun.agent.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {

  private static final String API = "https://api.example.test";

  @Test
  void unit_runsTheJarWithTheApiDataDirAndName_andDoesNotRestartARefusedAgent() {
    String unit = Templates.systemdUnit("acme-monitor", API);

    assertThat(unit)
        .contains(
            "ExecStart=/usr/bin/env java ",
            " -jar /opt/acme-monitor/agent.jar --api https://api.example.test"
                + " --data-dir /var/lib/acme-monitor --name acme-monitor"
                + " --token ${ENROLMENT_TOKEN}\n",
            "EnvironmentFile=-/etc/acme-monitor/enrolment.env",
            "RestartPreventExitStatus=2 3",
            "ReadWritePaths=-/var/lib/acme-monitor",
            "WantedBy=multi-user.target")
        .doesNotContain("{{")
        .doesNotContainIgnoringCase("topgun");
  }

  @Test
  void installScript_isValidShellWithEveryPlaceholderFilled(@TempDir Path dir)
      throws IOException, InterruptedException {
    // when
    String script =
        Templates.installScript(API, API + "/v1/agent/agent.jar", "tok_abc123", "host-agent");

    // then
    assertThat(script)
        .startsWith("#!/bin/sh\n")
        .contains(
            "API_URL='https://api.example.test'",
            "JAR_URL='https://api.example.test/v1/agent/agent.jar'",
            "TOKEN='tok_abc123'",
            "NAME='host-agent'",
            "cat > \"/etc/systemd/system/$NAME.service\" <<'UNIT'\n[Unit]\n",
            "--token ${ENROLMENT_TOKEN}\n",
            "systemctl enable \"$NAME.service\"")
        .doesNotContain("{{")
        .doesNotContainIgnoringCase("topgun");
    Path file = dir.resolve("install.sh");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    Process sh = new ProcessBuilder("sh", "-n", file.toString()).redirectErrorStream(true).start();
    assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sh.exitValue())
        .as(new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();
  }

  @Test
  void installScript_withoutAToken_refusesToRunWithoutTheFlag(@TempDir Path dir)
      throws IOException, InterruptedException {
    String script = Templates.installScript(API, API + "/agent.jar", "", "host-agent");
    Path file = dir.resolve("install.sh");
    Files.writeString(file, script, StandardCharsets.UTF_8);

    Process sh = new ProcessBuilder("sh", file.toString()).redirectErrorStream(true).start();

    assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sh.exitValue()).isEqualTo(2);
    assertThat(new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("an enrolment token is required");
  }

  @Test
  void valuesThatCouldBreakOutOfTheirPlace_areRefused() {
    assertThatThrownBy(() -> Templates.installScript(API, API, "x'; rm -rf /", "host-agent"))
        .hasMessageContaining("token");
    assertThatThrownBy(() -> Templates.installScript(API + "/'$(id)", API, "t", "host-agent"))
        .hasMessageContaining("apiUrl");
    assertThatThrownBy(() -> Templates.systemdUnit("../etc", API)).hasMessageContaining("name");
    assertThatThrownBy(() -> Templates.systemdUnit("a", "https://a.test/%h"))
        .hasMessageContaining("apiUrl");
  }

  @Test
  void render_refusesAMissingOrAnUnusedValue() {
    assertThatThrownBy(() -> Templates.render("{{a}} {{b}}", Map.of("a", "1")))
        .hasMessageContaining("{{b}}");
    assertThatThrownBy(() -> Templates.render("{{a}}", Map.of("a", "1", "c", "2")))
        .hasMessageContaining("c");
    assertThat(Templates.render("x={{a}}$", Map.of("a", "$1\\"))).isEqualTo("x=$1\\$");
  }
}
