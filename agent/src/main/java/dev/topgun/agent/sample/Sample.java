package dev.topgun.agent.sample;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reading of the host. Memory and disk sizes are MiB (as {@code free -m} and {@code df -m});
 * memory used = MemTotal - MemAvailable; rates are per second over the interval since the previous
 * reading.
 */
public record Sample(
    Instant at,
    double cpuPercent,
    double load1,
    double load5,
    double load15,
    int cores,
    long memoryTotalMb,
    long memoryUsedMb,
    long memoryAvailableMb,
    long swapTotalMb,
    long swapUsedMb,
    List<DiskUsage> disks,
    long diskReadBytesPerSec,
    long diskWriteBytesPerSec,
    long netRxBytesPerSec,
    long netTxBytesPerSec,
    int tcpActive,
    int tcpEstablished,
    List<ContainerSample> containers) {

  public Sample {
    disks = List.copyOf(disks);
    containers = List.copyOf(containers);
  }

  public Sample withContainers(List<ContainerSample> list) {
    return new Sample(
        at,
        cpuPercent,
        load1,
        load5,
        load15,
        cores,
        memoryTotalMb,
        memoryUsedMb,
        memoryAvailableMb,
        swapTotalMb,
        swapUsedMb,
        disks,
        diskReadBytesPerSec,
        diskWriteBytesPerSec,
        netRxBytesPerSec,
        netTxBytesPerSec,
        tcpActive,
        tcpEstablished,
        list);
  }

  /** The wire form, one element of {@code samples} in {@code POST /v1/agent/metrics}. */
  public Map<String, Object> toJson(long seq) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", seq);
    m.put("at", at.toString());
    m.put("cpuPercent", cpuPercent);
    m.put("load1", load1);
    m.put("load5", load5);
    m.put("load15", load15);
    m.put("cores", cores);
    m.put("memoryTotalMb", memoryTotalMb);
    m.put("memoryUsedMb", memoryUsedMb);
    m.put("memoryAvailableMb", memoryAvailableMb);
    m.put("swapTotalMb", swapTotalMb);
    m.put("swapUsedMb", swapUsedMb);
    m.put("disks", disks.stream().map(DiskUsage::toJson).toList());
    m.put("diskReadBytesPerSec", diskReadBytesPerSec);
    m.put("diskWriteBytesPerSec", diskWriteBytesPerSec);
    m.put("netRxBytesPerSec", netRxBytesPerSec);
    m.put("netTxBytesPerSec", netTxBytesPerSec);
    m.put("tcpActive", tcpActive);
    m.put("tcpEstablished", tcpEstablished);
    m.put("containers", containers.stream().map(ContainerSample::toJson).toList());
    return m;
  }
}
