package dev.topgun.agent.sample;

import java.util.LinkedHashMap;
import java.util.Map;

/** One running container; cpuPercent is null the first time the agent sees the container. */
public record ContainerSample(
    String id, String name, Double cpuPercent, long memoryUsedMb, long memoryLimitMb) {

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("cpuPercent", cpuPercent);
    m.put("memoryUsedMb", memoryUsedMb);
    m.put("memoryLimitMb", memoryLimitMb);
    return m;
  }
}
