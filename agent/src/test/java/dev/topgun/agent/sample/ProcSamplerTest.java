package dev.topgun.agent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcSamplerTest {

  private static final long GIB = 1024L * 1024 * 1024;
  private static final long MIB = 1024L * 1024;

  @TempDir Path proc;
  private final AtomicLong nanos = new AtomicLong();
  private ProcSampler sampler;

  @BeforeEach
  void setUp() {
    Map<String, DiskSpace.Space> spaces =
        Map.of(
            "/", new DiskSpace.Space(100 * GIB, 40 * GIB, 35 * GIB),
            "/boot/efi", new DiskSpace.Space(100 * MIB, 90 * MIB, 90 * MIB),
            "/mnt/my data", new DiskSpace.Space(500 * GIB, 500 * GIB - 10 * MIB, 480 * GIB));
    sampler =
        new ProcSampler(
            proc,
            mount -> Optional.ofNullable(spaces.get(mount)),
            nanos::get,
            Clock.fixed(Instant.parse("2026-12-04T04:00:10.123456Z"), ZoneOffset.UTC));
  }

  private Sample sampleTenSecondsApart() throws IOException {
    ProcFixtures.install("t0", proc);
    sampler.prime();
    ProcFixtures.install("t1", proc);
    nanos.set(10_000_000_000L);
    return sampler.sample().orElseThrow();
  }

  @Test
  void firstReading_givesNoSample_becauseCpuAndRatesNeedTwo() throws IOException {
    // given
    ProcFixtures.install("t0", proc);

    // when / then
    assertThat(sampler.sample()).isEmpty();
    assertThat(sampler.sample()).isPresent();
  }

  @Test
  void cpuPercent_isBusyShareOfJiffiesBetweenReadings_iowaitCountedIdle() throws IOException {
    // given t1 - t0: user +300, system +100, idle +1500, iowait +100 jiffies

    // when
    Sample s = sampleTenSecondsApart();

    // then 400 busy of 2000
    assertThat(s.cpuPercent()).isEqualTo(20.0);
    assertThat(s.cores()).isEqualTo(4);
    assertThat(s.at()).isEqualTo(Instant.parse("2026-12-04T04:00:10.123Z"));
  }

  @Test
  void loadAndMemory_followLoadavgAndMeminfo_usedIsTotalMinusAvailable() throws IOException {
    Sample s = sampleTenSecondsApart();

    assertThat(new double[] {s.load1(), s.load5(), s.load15()}).containsExactly(1.25, 0.75, 0.60);
    assertThat(s.memoryTotalMb()).isEqualTo(7958);
    assertThat(s.memoryAvailableMb()).isEqualTo(4096);
    assertThat(s.memoryUsedMb()).isEqualTo(7958 - 4096);
    assertThat(s.swapTotalMb()).isEqualTo(2048);
    assertThat(s.swapUsedMb()).isEqualTo(512);
  }

  @Test
  void disks_areRealFilesystemsOncePerDevice_usedIsTotalMinusFree() throws IOException {
    Sample s = sampleTenSecondsApart();

    // no proc/sysfs/tmpfs/overlay/squashfs loop, no bind mount of /dev/sda1 at /var/lib/docker;
    // the \040 in the mount point is a space
    assertThat(s.disks())
        .containsExactly(
            new DiskUsage("/", 102400, 61440, 35840),
            new DiskUsage("/boot/efi", 100, 10, 90),
            new DiskUsage("/mnt/my data", 512000, 10, 491520));
  }

  @Test
  void diskRates_countWholeDisksOnly_inBytesPerSecond() throws IOException {
    // given: sda +2000/+4000 sectors, nvme0n1 +0/+1000; partitions, loop0 and dm-0 also moved
    Sample s = sampleTenSecondsApart();

    assertThat(s.diskReadBytesPerSec()).isEqualTo(2000 * 512 / 10);
    assertThat(s.diskWriteBytesPerSec()).isEqualTo(5000 * 512 / 10);
  }

  @Test
  void networkRates_leaveOutLoopbackAndVirtualInterfaces() throws IOException {
    // given: eth0 +50000/+20000, ens5 +10000/0; lo, docker0 and veth moved far more
    Sample s = sampleTenSecondsApart();

    assertThat(s.netRxBytesPerSec()).isEqualTo(6000);
    assertThat(s.netTxBytesPerSec()).isEqualTo(2000);
  }

  @Test
  void tcp_countsEstablishedAndActiveOverIpv4AndIpv6() throws IOException {
    // given tcp: LISTEN, ESTABLISHED x2, TIME_WAIT, CLOSE; tcp6: LISTEN, ESTABLISHED, SYN_SENT
    Sample s = sampleTenSecondsApart();

    assertThat(s.tcpEstablished()).isEqualTo(3);
    assertThat(s.tcpActive()).isEqualTo(5);
  }

  @Test
  void countersThatWentBack_addNothing_insteadOfANegativeRate() throws IOException {
    // given t1 first, then t0 (as after a counter reset)
    ProcFixtures.install("t1", proc);
    sampler.prime();
    ProcFixtures.install("t0", proc);
    nanos.set(10_000_000_000L);

    // when
    Sample s = sampler.sample().orElseThrow();

    // then
    assertThat(s.diskReadBytesPerSec()).isZero();
    assertThat(s.netRxBytesPerSec()).isZero();
    assertThat(s.cpuPercent()).isZero();
  }

  @Test
  void unescape_decodesOctalEscapesOfMountPoints() {
    assertThat(ProcSampler.unescape("/mnt/a\\040b\\011c\\134d")).isEqualTo("/mnt/a b\tc\\d");
  }
}
