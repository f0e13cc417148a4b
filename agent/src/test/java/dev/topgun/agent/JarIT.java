package dev.topgun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.agent.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as the unit runs it, against a stub API: it enrols, pushes a real sample
 * after one interval, long-polls, and leaves on {@code uninstall}.
 */
class JarIT {

  private static final Path JAR = Path.of("target/topgun-agent.jar");

  @TempDir Path dir;
  private StubApi api;
  private Process agent;
  private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();
  private final CountDownLatch pushed = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws IOException {
    api = new StubApi();
    api.on(
        "POST /v1/agent/enrol",
        201,
        "{\"serverId\":\"srv_jar\",\"credential\":\"cred-jar-1\",\"intervalSeconds\":10}");
    api.on(
        "POST /v1/agent/metrics",
        r -> {
          pushed.countDown();
          return new StubApi.Response(200, "{\"accepted\":1,\"duplicates\":0}");
        });
    api.on("POST /v1/agent/commands/c-un/result", 204, "");
    // A real long poll: held until a command is queued or 20 s pass.
    api.on(
        "GET /v1/agent/commands",
        r -> {
          try {
            String c = commands.poll(20, TimeUnit.SECONDS);
            return new StubApi.Response(200, "{\"commands\":[" + (c == null ? "" : c) + "]}");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StubApi.Response(503, "{}");
          }
        });
  }

  @AfterEach
  void tearDown() {
    if (agent != null && agent.isAlive()) {
      agent.destroyForcibly();
    }
    api.close();
  }

  @Test
  void theJar_enrols_pushesASample_andUninstallsOnCommand() throws Exception {
    // given
    Path dataDir = dir.resolve("data");
    Path log = dir.resolve("agent.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    agent =
        new ProcessBuilder(
                java,
                "-Xmx48m",
                "-jar",
                JAR.toString(),
                "--api",
                api.uri().toString(),
                "--token",
                "tok-jar",
                "--data-dir",
                dataDir.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();

    // when one interval (10 s, from the enrolment answer) passes
    assertThat(pushed.await(40, TimeUnit.SECONDS)).as("a push within 40 s").isTrue();

    // then
    assertThat(Files.readString(dataDir.resolve("credentials"))).contains("srv_jar");
    StubApi.Request push = api.requests("POST /v1/agent/metrics").get(0);
    assertThat(push.header("Authorization")).isEqualTo("Bearer cred-jar-1");
    @SuppressWarnings("unchecked")
    Map<String, Object> sample =
        (Map<String, Object>) Json.array(Json.parseObject(push.body()), "samples").get(0);
    assertThat(sample).containsEntry("seq", BigDecimal.ONE);
    assertThat(Json.number(sample, "cores").intValue())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(Json.number(sample, "memoryTotalMb").longValue()).isPositive();
    assertThat(api.requests("GET /v1/agent/commands")).isNotEmpty();

    // when
    commands.add("{\"id\":\"c-un\",\"type\":\"uninstall\",\"args\":{}}");

    // then
    assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(agent.exitValue()).isZero();
    assertThat(dataDir).doesNotExist();
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines)
        .anyMatch(l -> l.contains(" INFO host-agent: enrolled as server srv_jar"))
        .anyMatch(l -> l.contains("uninstalled"));
    assertThat(String.join("\n", lines)).doesNotContain("tok-jar", "cred-jar-1", "topgun");
  }
}
