package dev.topgun.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.agent.sample.ContainerSample;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerClientTest {

  private static final String WEB =
      "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2";
  private static final String DB =
      "0f0e0d0c0b0a0f0e0d0c0b0a0f0e0d0c0b0a0f0e0d0c0b0a0f0e0d0c0b0a0f0e";
  private static final long MIB = 1024L * 1024;

  @TempDir Path dir;
  private StubUnixServer docker;
  private DockerClient client;

  @BeforeEach
  void setUp() throws IOException {
    Path socket = dir.resolve("docker.sock");
    docker = new StubUnixServer(socket);
    client = new DockerClient(new UnixHttp(socket, Duration.ofSeconds(5)));
    docker.json(
        "/containers/json",
        "[{\"Id\":\""
            + WEB
            + "\",\"Names\":[\"/web\"]},{\"Id\":\""
            + DB
            + "\",\"Names\":[\"/db\"]}]");
  }

  @AfterEach
  void tearDown() throws IOException {
    docker.close();
  }

  private static String stats(
      long total, long system, long preTotal, long preSystem, long usage, String memStats) {
    return "{\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":"
        + total
        + "},\"system_cpu_usage\":"
        + system
        + ",\"online_cpus\":4},\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":"
        + preTotal
        + "}"
        + (preSystem > 0 ? ",\"system_cpu_usage\":" + preSystem : "")
        + "},\"memory_stats\":{\"usage\":"
        + usage
        + ",\"limit\":"
        + 2048 * MIB
        + ",\"stats\":"
        + memStats
        + "}}";
  }

  @Test
  void containers_cpuIsDockersFormula_memoryIsUsageMinusInactiveFile() throws IOException {
    // given web: precpu filled by the engine; cpu_delta 2e8 of system_delta 4e9 on 4 CPUs = 20 %
    docker.json(
        "/containers/" + WEB + "/stats?stream=false&one-shot=true",
        stats(
            1_200_000_000L,
            14_000_000_000L,
            1_000_000_000L,
            10_000_000_000L,
            300 * MIB,
            "{\"inactive_file\":" + 44 * MIB + "}"));
    // and db, chunked, cgroup v1 names, precpu empty (one-shot): no CPU figure yet
    docker.chunked(
        "/containers/" + DB + "/stats?stream=false&one-shot=true",
        stats(
            5_000_000_000L,
            14_000_000_000L,
            0,
            0,
            600 * MIB,
            "{\"total_inactive_file\":" + 88 * MIB + "}"),
        37);

    // when
    List<ContainerSample> containers = client.containers();

    // then
    assertThat(containers)
        .containsExactly(
            new ContainerSample(WEB, "web", 20.0, 256, 2048),
            new ContainerSample(DB, "db", null, 512, 2048));
    assertThat(docker.requests.get(0)).startsWith("GET /containers/json HTTP/1.1\r\n");
    assertThat(docker.requests.get(0)).contains("\r\nHost: docker\r\n");
  }

  @Test
  void secondReading_takesCpuDeltaAgainstThisClientsPreviousReading() throws IOException {
    // given a first reading of db without precpu
    String path = "/containers/" + DB + "/stats?stream=false&one-shot=true";
    docker.json("/containers/json", "[{\"Id\":\"" + DB + "\",\"Names\":[\"/db\"]}]");
    docker.json(path, stats(5_000_000_000L, 14_000_000_000L, 0, 0, 600 * MIB, "{}"));
    client.containers();

    // when 1e9 of 10e9 system nanoseconds later, on 4 CPUs
    docker.json(path, stats(6_000_000_000L, 24_000_000_000L, 0, 0, 600 * MIB, "{}"));
    List<ContainerSample> containers = client.containers();

    // then
    assertThat(containers).extracting(ContainerSample::cpuPercent).containsExactly(40.0);
  }

  @Test
  void version_isTheEnginesVersion() {
    docker.chunked("/version", "{\"Version\":\"28.2.2\",\"ApiVersion\":\"1.50\"}", 5);

    assertThat(client.version()).contains("28.2.2");
  }

  @Test
  void withoutASocket_thereAreNoContainersAndNoVersion() {
    DockerClient absent =
        new DockerClient(new UnixHttp(dir.resolve("none.sock"), Duration.ofSeconds(1)));

    assertThat(absent.available()).isFalse();
    assertThat(absent.containers()).isEmpty();
    assertThat(absent.version()).isEmpty();
  }

  @Test
  void anEngineError_givesNoContainers() {
    docker.json("/containers/json", "not json");

    assertThat(client.containers()).isEmpty();
  }
}
