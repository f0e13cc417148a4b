package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.routes.EventRules;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;

/** Hosted zones outlive a restart on the same data directory; {@code --fresh} drops them. */
class LocalRoute53RestartIT {

  @Test
  void zonesAndRecords_surviveARestart_andFreshStartsWithNone(@TempDir Path data) throws Exception {
    // given
    String zoneId;
    try (LocalRuntime first = LocalRuntime.start(config(data, false));
        Route53Client route53 = SdkClients.of(Route53Client.builder(), first.route53Endpoint())) {
      zoneId =
          route53
              .createHostedZone(r -> r.name("kept.example.test").callerReference("restart-1"))
              .hostedZone()
              .id();
      route53.changeResourceRecordSets(
          r ->
              r.hostedZoneId(zoneId)
                  .changeBatch(
                      b ->
                          b.changes(
                              c ->
                                  c.action(ChangeAction.CREATE)
                                      .resourceRecordSet(
                                          s ->
                                              s.name("_x.kept.example.test")
                                                  .type(RRType.TXT)
                                                  .ttl(60L)
                                                  .resourceRecords(v -> v.value("\"kept\""))))));
    }

    // when
    try (LocalRuntime second = LocalRuntime.start(config(data, false));
        Route53Client route53 = SdkClients.of(Route53Client.builder(), second.route53Endpoint())) {

      // then
      HostedZone zone = route53.getHostedZone(r -> r.id(zoneId)).hostedZone();
      assertThat(zone.name()).isEqualTo("kept.example.test.");
      assertThat(zone.resourceRecordSetCount()).isEqualTo(3);
      Message answer = txt(second, "_x.kept.example.test.");
      assertThat(answer.getSection(Section.ANSWER))
          .extracting(Record::rdataToString)
          .containsExactly("kept");
    }
    try (LocalRuntime fresh = LocalRuntime.start(config(data, true));
        Route53Client route53 = SdkClients.of(Route53Client.builder(), fresh.route53Endpoint())) {
      assertThat(route53.listHostedZones().hostedZones()).isEmpty();
      assertThat(txt(fresh, "_x.kept.example.test.").getRcode()).isEqualTo(Rcode.REFUSED);
    }
  }

  private static Message txt(LocalRuntime runtime, String name) throws Exception {
    SimpleResolver resolver =
        new SimpleResolver(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), runtime.dnsPort()));
    resolver.setTimeout(Duration.ofSeconds(5));
    return resolver.send(
        Message.newQuery(Record.newRecord(Name.fromString(name), Type.TXT, DClass.IN)));
  }

  private static LocalConfig config(Path data, boolean fresh) {
    return LocalConfig.defaults()
        .withFreePorts()
        .withDataDir(data)
        .withFresh(fresh)
        .withRules(EventRules.of(List.of()));
  }
}
