package dev.topgun.agent.docker;

import dev.topgun.agent.json.Json;
import dev.topgun.agent.sample.ContainerSample;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Containers' CPU and memory from the Docker Engine API. Stats are asked for with {@code
 * one-shot=true} (no second-long wait per container); the CPU delta is taken against this client's
 * previous reading of the same container, or against {@code precpu_stats} when the engine filled
 * it: {@code cpu_delta / system_delta * online_cpus * 100}, as Docker documents it.
 */
public final class DockerClient {

  private static final Logger LOG = Logger.getLogger("agent.docker");
  private static final long MIB = 1024L * 1024L;

  private final UnixHttp http;
  private final Map<String, long[]> previousCpu = new HashMap<>();
  private boolean warned;

  public DockerClient(UnixHttp http) {
    this.http = http;
  }

  public static DockerClient atDefaultSocket() {
    return new DockerClient(new UnixHttp(Path.of("/var/run/docker.sock"), Duration.ofSeconds(5)));
  }

  public boolean available() {
    return Files.exists(http.socket());
  }

  /** The engine's version, or empty when no engine answers. */
  public Optional<String> version() {
    if (!available()) {
      return Optional.empty();
    }
    try {
      UnixHttp.Response r = http.get("/version");
      if (r.status() != 200) {
        return Optional.empty();
      }
      return Optional.ofNullable(Json.string(Json.parseObject(r.body()), "Version"));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Running containers; an empty list when Docker is absent or does not answer. */
  public List<ContainerSample> containers() {
    if (!available()) {
      return List.of();
    }
    try {
      UnixHttp.Response list = http.get("/containers/json");
      if (list.status() != 200) {
        throw new IOException("containers list answered " + list.status());
      }
      List<ContainerSample> result = new ArrayList<>();
      Map<String, long[]> seen = new HashMap<>();
      for (Object item : (List<?>) Json.parse(list.body())) {
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) item;
        String id = Json.string(c, "Id");
        if (id == null || !id.matches("[0-9a-fA-F]+")) {
          continue;
        }
        UnixHttp.Response stats =
            http.get("/containers/" + id + "/stats?stream=false&one-shot=true");
        if (stats.status() != 200) {
          continue;
        }
        result.add(sample(id, name(c), Json.parseObject(stats.body()), seen));
      }
      previousCpu.clear();
      previousCpu.putAll(seen);
      warned = false;
      return result;
    } catch (IOException | RuntimeException e) {
      if (!warned) {
        LOG.log(Level.WARNING, "container stats unavailable: " + e.getMessage());
        warned = true;
      }
      return List.of();
    }
  }

  private ContainerSample sample(
      String id, String name, Map<String, Object> stats, Map<String, long[]> seen) {
    Map<String, Object> cpu = Json.object(stats, "cpu_stats");
    long total = longAt(Json.object(cpu, "cpu_usage"), "total_usage");
    long system = longAt(cpu, "system_cpu_usage");
    long onlineCpus = longAt(cpu, "online_cpus");
    if (onlineCpus == 0) {
      onlineCpus = Json.array(Json.object(cpu, "cpu_usage"), "percpu_usage").size();
    }
    long[] before = previousCpu.get(id);
    if (before == null) {
      Map<String, Object> pre = Json.object(stats, "precpu_stats");
      long preSystem = longAt(pre, "system_cpu_usage");
      if (preSystem > 0) {
        before = new long[] {longAt(Json.object(pre, "cpu_usage"), "total_usage"), preSystem};
      }
    }
    Double cpuPercent = null;
    if (before != null) {
      long cpuDelta = total - before[0];
      long systemDelta = system - before[1];
      cpuPercent =
          systemDelta > 0 && cpuDelta >= 0
              ? Math.round(10000.0 * cpuDelta / systemDelta * Math.max(onlineCpus, 1)) / 100.0
              : 0.0;
    }
    seen.put(id, new long[] {total, system});
    Map<String, Object> memory = Json.object(stats, "memory_stats");
    Map<String, Object> detail = Json.object(memory, "stats");
    // As the docker CLI: usage minus inactive file cache (cgroup v2 name, then v1 name).
    long inactive =
        detail.containsKey("inactive_file")
            ? longAt(detail, "inactive_file")
            : longAt(detail, "total_inactive_file");
    long usage = Math.max(0, longAt(memory, "usage") - inactive);
    return new ContainerSample(id, name, cpuPercent, usage / MIB, longAt(memory, "limit") / MIB);
  }

  private static String name(Map<String, Object> container) {
    List<Object> names = Json.array(container, "Names");
    if (names.isEmpty() || !(names.get(0) instanceof String)) {
      return null;
    }
    String n = (String) names.get(0);
    return n.startsWith("/") ? n.substring(1) : n;
  }

  private static long longAt(Map<String, Object> map, String key) {
    BigDecimal n = Json.number(map, key);
    return n == null ? 0 : n.longValue();
  }
}
