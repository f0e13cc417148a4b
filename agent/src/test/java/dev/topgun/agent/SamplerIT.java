package dev.topgun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.topgun.agent.sample.DiskUsage;
import dev.topgun.agent.sample.ProcSampler;
import dev.topgun.agent.sample.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** This machine, sampled for real, against what nproc, free and df say at the same moment. */
class SamplerIT {

  private static List<String> run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  private static Sample sampleTwice() {
    ProcSampler sampler = ProcSampler.forThisHost();
    sampler.prime();
    return sampler.sample().orElseThrow();
  }

  @Test
  void cores_matchNproc() throws Exception {
    int nproc = Integer.parseInt(run("nproc").get(0).trim());

    assertThat(sampleTwice().cores()).isEqualTo(nproc);
  }

  @Test
  void memoryUsedPercent_isWithinTwoPointsOfFree() throws Exception {
    // free -b: "Mem: total used free shared buff/cache available"; procps-ng 4 used = total -
    // available
    Sample s = sampleTwice();
    String[] mem =
        run("free", "-b").stream()
            .filter(l -> l.startsWith("Mem:"))
            .findFirst()
            .orElseThrow()
            .trim()
            .split("\\s+");
    double total = Double.parseDouble(mem[1]);
    double available = Double.parseDouble(mem[6]);

    double freePercent = 100.0 * (total - available) / total;
    double ourPercent = 100.0 * s.memoryUsedMb() / s.memoryTotalMb();

    assertThat(ourPercent).isCloseTo(freePercent, offset(2.0));
    assertThat((double) s.memoryTotalMb()).isCloseTo(total / (1 << 20), offset(1.0));
  }

  @Test
  void rootDiskUsedPercent_isWithinTwoPointsOfDf() throws Exception {
    Sample s = sampleTwice();
    List<String> df = run("df", "-B1", "--output=size,used,avail", "/");
    String[] f = df.get(1).trim().split("\\s+");
    double size = Double.parseDouble(f[0]);
    double used = Double.parseDouble(f[1]);
    double avail = Double.parseDouble(f[2]);

    DiskUsage root =
        s.disks().stream().filter(d -> d.mount().equals("/")).findFirst().orElseThrow();

    assertThat(100.0 * root.usedMb() / root.totalMb()).isCloseTo(100.0 * used / size, offset(2.0));
    assertThat(100.0 * root.availableMb() / root.totalMb())
        .isCloseTo(100.0 * avail / size, offset(2.0));
  }

  @Test
  void theRestIsPlausible() {
    Sample s = sampleTwice();

    assertThat(s.cpuPercent()).isBetween(0.0, 100.0);
    assertThat(s.load1()).isNotNegative();
    assertThat(s.memoryAvailableMb()).isBetween(0L, s.memoryTotalMb());
    assertThat(s.tcpEstablished()).isBetween(0, s.tcpActive());
    assertThat(s.diskReadBytesPerSec()).isNotNegative();
    assertThat(s.netRxBytesPerSec()).isNotNegative();
  }
}
