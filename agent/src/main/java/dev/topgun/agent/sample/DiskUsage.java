package dev.topgun.agent.sample;

import java.util.LinkedHashMap;
import java.util.Map;

/** One mounted filesystem's size, in MiB; used = total - free, as {@code df} counts it. */
public record DiskUsage(String mount, long totalMb, long usedMb, long availableMb) {

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mount", mount);
    m.put("totalMb", totalMb);
    m.put("usedMb", usedMb);
    m.put("availableMb", availableMb);
    return m;
  }
}
