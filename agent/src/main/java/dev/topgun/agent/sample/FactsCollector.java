package dev.topgun.agent.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The server's facts, sent at enrolment and on {@code collect-facts}. */
public final class FactsCollector {

  private final Path proc;
  private final Path osRelease;
  private final ProcSampler sampler;
  private final Supplier<List<String>> addresses;
  private final Supplier<Optional<String>> dockerVersion;
  private final String agentVersion;

  public FactsCollector(
      Path procRoot,
      Path osRelease,
      ProcSampler sampler,
      Supplier<List<String>> addresses,
      Supplier<Optional<String>> dockerVersion,
      String agentVersion) {
    this.proc = procRoot;
    this.osRelease = osRelease;
    this.sampler = sampler;
    this.addresses = addresses;
    this.dockerVersion = dockerVersion;
    this.agentVersion = agentVersion;
  }

  /**
   * {@code hostname}, {@code os}, {@code kernel}, {@code cores}, {@code memoryTotalMb}, {@code
   * disks}, {@code addresses}, {@code dockerVersion} (null without Docker), {@code agentVersion}.
   */
  public Map<String, Object> collect() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("hostname", hostname());
    facts.put("os", prettyName());
    facts.put("kernel", firstLine(proc.resolve("sys/kernel/osrelease")).orElse(null));
    facts.put("cores", sampler.cores());
    facts.put("memoryTotalMb", sampler.memoryTotalMb());
    facts.put("disks", sampler.disks().stream().map(DiskUsage::toJson).toList());
    facts.put("addresses", addresses.get());
    facts.put("dockerVersion", dockerVersion.get().orElse(null));
    facts.put("agentVersion", agentVersion);
    return facts;
  }

  private String hostname() {
    return firstLine(proc.resolve("sys/kernel/hostname"))
        .orElseGet(
            () -> {
              try {
                return InetAddress.getLocalHost().getHostName();
              } catch (IOException e) {
                return null;
              }
            });
  }

  private String prettyName() {
    try {
      for (String line : Files.readAllLines(osRelease, StandardCharsets.UTF_8)) {
        if (line.startsWith("PRETTY_NAME=")) {
          String v = line.substring("PRETTY_NAME=".length()).trim();
          if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
            v = v.substring(1, v.length() - 1);
          }
          return v;
        }
      }
    } catch (IOException e) {
      // no os-release: the OS stays unknown
    }
    return null;
  }

  private static Optional<String> firstLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Addresses of the interfaces that are up, loopback and link-local left out. */
  public static List<String> interfaceAddresses() {
    List<String> result = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
            String text = address.getHostAddress();
            int zone = text.indexOf('%');
            result.add(zone < 0 ? text : text.substring(0, zone));
          }
        }
      }
    } catch (SocketException e) {
      // no interfaces readable: none reported
    }
    return result;
  }
}
