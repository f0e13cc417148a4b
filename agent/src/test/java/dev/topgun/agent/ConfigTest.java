package dev.topgun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void defaults_areANeutralNameItsDataDirectoryAndTheApisInterval() {
    Config c = Config.parse("--api", "https://api.example.test", "--token", "t1");

    assertThat(c.api()).isEqualTo(URI.create("https://api.example.test"));
    assertThat(c.token()).isEqualTo("t1");
    assertThat(c.name()).isEqualTo("host-agent");
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/host-agent"));
    assertThat(c.intervalSeconds()).isEmpty();
    assertThat(c.effectiveInterval(60)).isEqualTo(60);
    assertThat(c.effectiveInterval(0)).isEqualTo(30);
    assertThat(c.effectiveInterval(5)).isEqualTo(30);
  }

  @Test
  void flags_overrideEverything() {
    Config c =
        Config.parse(
            "--api",
            "http://127.0.0.1:8080",
            "--data-dir",
            "/tmp/x",
            "--interval",
            "10",
            "--name",
            "acme-monitor");

    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(c.intervalSeconds()).isEqualTo(Optional.of(10));
    assertThat(c.effectiveInterval(60)).isEqualTo(10);
    assertThat(c.name()).isEqualTo("acme-monitor");
  }

  @Test
  void anIntervalUnderTenSeconds_isRefused() {
    assertThatThrownBy(() -> Config.parse("--api", "https://a.test", "--interval", "9"))
        .hasMessageContaining("at least 10");
  }

  @Test
  void badInput_isRefusedWithTheReason() {
    assertThatThrownBy(() -> Config.parse("--token", "t")).hasMessageContaining("--api");
    assertThatThrownBy(() -> Config.parse("--api", "ftp://a.test")).hasMessageContaining("http");
    assertThatThrownBy(() -> Config.parse("--api", "https://a.test", "--name", "Bad Name"))
        .hasMessageContaining("--name");
    assertThatThrownBy(() -> Config.parse("--api", "https://a.test", "--verbose", "x"))
        .hasMessageContaining("unknown option");
    assertThatThrownBy(() -> Config.parse("--api")).hasMessageContaining("needs a value");
  }

  @Test
  void toString_leavesTheTokenOut() {
    assertThat(Config.parse("--api", "https://a.test", "--token", "secret-tok").toString())
        .doesNotContain("secret-tok");
  }

  @Test
  void main_answersUsageErrorsWithExitCode2() throws InterruptedException {
    assertThat(Main.run(new String[] {"--api", "https://a.test", "--interval", "5"}))
        .isEqualTo(Main.EXIT_BAD_USAGE);
  }
}
