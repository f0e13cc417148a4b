package dev.topgun.agent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.agent.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FactsCollectorTest {

  @Test
  void facts_comeFromProcOsReleaseInterfacesAndDocker() {
    // given
    Path proc = ProcFixtures.resource("proc/t0");
    ProcSampler sampler =
        new ProcSampler(
            proc,
            mount -> Optional.of(new DiskSpace.Space(1L << 30, 1L << 29, 1L << 28)),
            () -> 0L,
            Clock.systemUTC());
    FactsCollector collector =
        new FactsCollector(
            proc,
            ProcFixtures.resource("etc/os-release"),
            sampler,
            () -> List.of("203.0.113.7", "2001:db8::7"),
            () -> Optional.of("28.2.2"),
            "1.2.3");

    // when
    Map<String, Object> facts = collector.collect();

    // then
    assertThat(facts)
        .containsEntry("hostname", "web-01")
        .containsEntry("os", "Debian GNU/Linux 12 (bookworm)")
        .containsEntry("kernel", "6.1.0-18-amd64")
        .containsEntry("cores", 4)
        .containsEntry("memoryTotalMb", 7958L)
        .containsEntry("addresses", List.of("203.0.113.7", "2001:db8::7"))
        .containsEntry("dockerVersion", "28.2.2")
        .containsEntry("agentVersion", "1.2.3");
    assertThat(Json.write(facts.get("disks")))
        .isEqualTo(
            "[{\"mount\":\"/\",\"totalMb\":1024,\"usedMb\":512,\"availableMb\":256},"
                + "{\"mount\":\"/boot/efi\",\"totalMb\":1024,\"usedMb\":512,\"availableMb\":256},"
                + "{\"mount\":\"/mnt/my data\",\"totalMb\":1024,\"usedMb\":512,\"availableMb\":256}]");
  }

  @Test
  void withoutDocker_dockerVersionIsNull() {
    Path proc = ProcFixtures.resource("proc/t0");
    ProcSampler sampler =
        new ProcSampler(proc, mount -> Optional.empty(), () -> 0L, Clock.systemUTC());
    FactsCollector collector =
        new FactsCollector(
            proc, proc.resolve("missing"), sampler, List::of, Optional::empty, "dev");

    Map<String, Object> facts = collector.collect();

    assertThat(facts).containsEntry("dockerVersion", null).containsEntry("os", null);
    assertThat(facts.get("disks")).isEqualTo(List.of());
  }
}
