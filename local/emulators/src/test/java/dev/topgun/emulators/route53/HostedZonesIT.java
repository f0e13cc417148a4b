package dev.topgun.emulators.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.emulators.route53.Change.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

/** {@code hosted-zones.json}: what a reopened store finds, and what it refuses to read. */
class HostedZonesIT {

  @Test
  void reopened_findsZonesRecordsChangesAndUsedCallerReferences(@TempDir Path dir) {
    // given
    HostedZones first = HostedZones.open(dir);
    HostedZone zone = first.create("Kept.Example.test", "ref-kept", "a comment").zone();
    HostedZones.ChangeInfo change =
        first.change(
            zone.id(),
            List.of(
                new Change(
                    Action.CREATE, "*.kept.example.test", "TXT", 60, List.of("\"a\"  \"b\""))),
            "wildcard");
    String deleted = first.create("gone.example.test", "ref-gone", null).zone().id();
    first.delete(deleted);

    // when
    HostedZones reopened = HostedZones.open(dir);

    // then
    HostedZone kept = reopened.get(zone.id());
    assertThat(kept.name().text()).isEqualTo("kept.example.test.");
    assertThat(kept.comment()).isEqualTo("a comment");
    assertThat(kept.recordSets())
        .extracting(set -> set.name().text() + " " + set.values())
        .contains("\\052.kept.example.test. [\"a\"  \"b\"]");
    assertThat(reopened.change(change.id())).isEqualTo(change);
    assertThat(reopened.byId()).extracting(HostedZone::id).containsExactly(zone.id());
    assertThatThrownBy(() -> reopened.create("again.example.test", "ref-gone", null))
        .isInstanceOfSatisfying(
            Route53Error.class, e -> assertThat(e.code()).isEqualTo("HostedZoneAlreadyExists"));
    assertThat(reopened.served().find(Name.fromConstantString("x.kept.example.test.")).apex())
        .isEqualTo(Name.fromConstantString("kept.example.test."));
  }

  @Test
  void aFileHoldingWhatRoute53Refuses_stopsTheOpen_withTheWayOut(@TempDir Path dir)
      throws Exception {
    // given
    Files.writeString(
        dir.resolve(HostedZonesFile.NAME),
        "{\"zones\":[{\"id\":\"Z1\",\"name\":\"bad.test.\",\"callerReference\":\"r\","
            + "\"created\":\"2026-01-01T00:00:00Z\",\"recordSets\":[{\"name\":\"a.bad.test.\","
            + "\"type\":\"A\",\"ttl\":60,\"values\":[\"not-an-address\"]}]}]}");

    // when / then
    assertThatThrownBy(() -> HostedZones.open(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--fresh");
  }
}
