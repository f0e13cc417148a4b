package dev.topgun.agent.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Samples the host from {@code /proc} (injectable root) and statvfs. CPU and the rates need two
 * readings: the first call to {@link #sample()} only remembers its reading and answers empty.
 */
public final class ProcSampler {

  private static final long MIB = 1024L * 1024L;
  private static final int SECTOR_BYTES = 512;

  /** Filesystems that hold data on a device; pseudo, memory and overlay mounts are left out. */
  static final Set<String> REAL_FILESYSTEMS =
      Set.of(
          "ext2",
          "ext3",
          "ext4",
          "xfs",
          "btrfs",
          "zfs",
          "f2fs",
          "jfs",
          "reiserfs",
          "vfat",
          "exfat",
          "ntfs",
          "ntfs3",
          "bcachefs");

  /** Whole disks by name; partitions (sda1, nvme0n1p1), loop, ram and device-mapper are not. */
  private static final Pattern WHOLE_DISK =
      Pattern.compile("(?:[shv]d[a-z]+|xvd[a-z]+|nvme\\d+n\\d+|mmcblk\\d+)");

  /** Interfaces whose traffic is counted again on a physical one (or never leaves the host). */
  private static final Pattern VIRTUAL_INTERFACE =
      Pattern.compile("lo|veth.*|docker\\d*|br-.*|virbr.*|cni.*|flannel.*|cali.*|vxlan.*");

  private final Path proc;
  private final DiskSpace diskSpace;
  private final LongSupplier nanoTime;
  private final Clock clock;
  private Reading previous;

  public ProcSampler(Path procRoot, DiskSpace diskSpace, LongSupplier nanoTime, Clock clock) {
    this.proc = procRoot;
    this.diskSpace = diskSpace;
    this.nanoTime = nanoTime;
    this.clock = clock;
  }

  public static ProcSampler forThisHost() {
    return new ProcSampler(
        Path.of("/proc"), DiskSpace.fileStores(), System::nanoTime, Clock.systemUTC());
  }

  /** Counters that only make sense as a difference between two readings. */
  record Reading(
      long nanos, CpuTimes cpu, Map<String, long[]> diskSectors, Map<String, long[]> netBytes) {}

  record CpuTimes(long total, long idle, int cores) {}

  /** Takes a first reading, so that the next {@link #sample()} has something to compare to. */
  public void prime() {
    previous = read();
  }

  /** A full sample, or empty when this is the first reading. */
  public Optional<Sample> sample() {
    Reading now = read();
    Reading before = previous;
    previous = now;
    if (before == null) {
      return Optional.empty();
    }
    double seconds = Math.max((now.nanos - before.nanos) / 1e9, 1e-9);
    long cpuTotal = now.cpu.total - before.cpu.total;
    long cpuIdle = now.cpu.idle - before.cpu.idle;
    double cpuPercent =
        cpuTotal <= 0 ? 0.0 : clamp(100.0 * (cpuTotal - cpuIdle) / cpuTotal, 0.0, 100.0);
    long[] disk = delta(before.diskSectors, now.diskSectors);
    long[] net = delta(before.netBytes, now.netBytes);
    double[] load = loadAverage();
    Map<String, Long> mem = meminfo();
    long memTotal = mem.getOrDefault("MemTotal", 0L);
    long memAvailable = mem.getOrDefault("MemAvailable", mem.getOrDefault("MemFree", 0L));
    long swapTotal = mem.getOrDefault("SwapTotal", 0L);
    long swapFree = mem.getOrDefault("SwapFree", 0L);
    int[] tcp = tcpConnections();
    return Optional.of(
        new Sample(
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            round2(cpuPercent),
            load[0],
            load[1],
            load[2],
            now.cpu.cores,
            memTotal / MIB,
            (memTotal - memAvailable) / MIB,
            memAvailable / MIB,
            swapTotal / MIB,
            (swapTotal - swapFree) / MIB,
            disks(),
            Math.round(disk[0] * SECTOR_BYTES / seconds),
            Math.round(disk[1] * SECTOR_BYTES / seconds),
            Math.round(net[0] / seconds),
            Math.round(net[1] / seconds),
            tcp[0],
            tcp[1],
            List.of()));
  }

  Reading read() {
    return new Reading(nanoTime.getAsLong(), cpuTimes(), diskSectors(), netBytes());
  }

  /** Aggregate jiffies from the {@code cpu} line; idle includes iowait, as top counts it. */
  CpuTimes cpuTimes() {
    long total = 0;
    long idle = 0;
    int cores = 0;
    for (String line : lines("stat")) {
      if (line.startsWith("cpu ")) {
        String[] f = line.trim().split("\\s+");
        // user nice system idle iowait irq softirq steal; guest time is already inside user.
        for (int i = 1; i <= 8 && i < f.length; i++) {
          total += Long.parseLong(f[i]);
        }
        idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
      } else if (line.startsWith("cpu")) {
        cores++;
      }
    }
    return new CpuTimes(total, idle, cores);
  }

  public int cores() {
    return cpuTimes().cores();
  }

  double[] loadAverage() {
    List<String> lines = lines("loadavg");
    if (lines.isEmpty()) {
      return new double[3];
    }
    String[] f = lines.get(0).trim().split("\\s+");
    return new double[] {
      Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])
    };
  }

  /** /proc/meminfo in bytes. */
  Map<String, Long> meminfo() {
    Map<String, Long> values = new HashMap<>();
    for (String line : lines("meminfo")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String[] f = line.substring(colon + 1).trim().split("\\s+");
      try {
        long v = Long.parseLong(f[0]);
        values.put(line.substring(0, colon), f.length > 1 && f[1].equals("kB") ? v * 1024 : v);
      } catch (NumberFormatException e) {
        // not a number: not a field the agent reads
      }
    }
    return values;
  }

  public long memoryTotalMb() {
    return meminfo().getOrDefault("MemTotal", 0L) / MIB;
  }

  /**
   * Real filesystems from /proc/mounts, one per device (a bind mount of the same device is left
   * out; the shortest mount point wins), with sizes from statvfs.
   */
  public List<DiskUsage> disks() {
    Map<String, String> mountByDevice = new LinkedHashMap<>();
    for (String line : lines("mounts")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 3 || !REAL_FILESYSTEMS.contains(f[2])) {
        continue;
      }
      String device = f[0];
      String mount = unescape(f[1]);
      if (device.startsWith("/dev/loop")) {
        continue;
      }
      mountByDevice.merge(device, mount, (a, b) -> a.length() <= b.length() ? a : b);
    }
    List<DiskUsage> disks = new ArrayList<>();
    for (String mount : mountByDevice.values()) {
      diskSpace
          .of(mount)
          .filter(s -> s.totalBytes() > 0)
          .ifPresent(
              s ->
                  disks.add(
                      new DiskUsage(
                          mount,
                          s.totalBytes() / MIB,
                          (s.totalBytes() - s.freeBytes()) / MIB,
                          s.availableBytes() / MIB)));
    }
    return disks;
  }

  /** Sectors read and written per whole disk (/proc/diskstats fields 6 and 10). */
  Map<String, long[]> diskSectors() {
    Map<String, long[]> sectors = new HashMap<>();
    for (String line : lines("diskstats")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 10 && WHOLE_DISK.matcher(f[2]).matches()) {
        sectors.put(f[2], new long[] {Long.parseLong(f[5]), Long.parseLong(f[9])});
      }
    }
    return sectors;
  }

  /** Bytes received and sent per interface, without loopback and virtual interfaces. */
  Map<String, long[]> netBytes() {
    Map<String, long[]> bytes = new HashMap<>();
    for (String line : lines("net/dev")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      if (VIRTUAL_INTERFACE.matcher(name).matches()) {
        continue;
      }
      String[] f = line.substring(colon + 1).trim().split("\\s+");
      if (f.length >= 9) {
        bytes.put(name, new long[] {Long.parseLong(f[0]), Long.parseLong(f[8])});
      }
    }
    return bytes;
  }

  /**
   * {active, established} over /proc/net/tcp and tcp6: active is every socket in a connection state
   * (neither LISTEN nor CLOSE), established those in ESTABLISHED.
   */
  int[] tcpConnections() {
    int active = 0;
    int established = 0;
    for (String file : List.of("net/tcp", "net/tcp6")) {
      try (BufferedReader reader = reader(file)) {
        if (reader == null) {
          continue;
        }
        reader.readLine();
        String line;
        while ((line = reader.readLine()) != null) {
          String[] f = line.trim().split("\\s+", 5);
          if (f.length < 4) {
            continue;
          }
          int state = Integer.parseInt(f[3], 16);
          if (state == 0x01) {
            established++;
          }
          if (state != 0x0A && state != 0x07) {
            active++;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new int[] {active, established};
  }

  /** Sums of per-device increases; a counter that went back (a reset, a new device) adds 0. */
  private static long[] delta(Map<String, long[]> before, Map<String, long[]> now) {
    long[] sum = new long[2];
    now.forEach(
        (name, values) -> {
          long[] old = before.get(name);
          if (old != null) {
            for (int i = 0; i < 2; i++) {
              sum[i] += Math.max(0, values[i] - old[i]);
            }
          }
        });
    return sum;
  }

  /** /proc/mounts writes space, tab, newline and backslash as octal escapes. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private List<String> lines(String file) {
    try {
      return Files.readAllLines(proc.resolve(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private BufferedReader reader(String file) throws IOException {
    try {
      return Files.newBufferedReader(proc.resolve(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double round2(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
