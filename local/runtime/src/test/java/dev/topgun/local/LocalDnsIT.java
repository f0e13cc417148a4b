package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.routes.EventRules;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Real DNS queries, over UDP and TCP with dnsjava's {@code SimpleResolver}, to the runtime's name
 * server, for records written through the Route 53 API.
 */
class LocalDnsIT {

  @TempDir static Path data;

  static LocalRuntime runtime;
  static Route53Client route53;
  static String zone;
  static String zoneId;

  @BeforeAll
  static void start() {
    runtime =
        LocalRuntime.start(
            LocalConfig.defaults()
                .withFreePorts()
                .withDataDir(data)
                .withRules(EventRules.of(List.of())));
    route53 = SdkClients.of(Route53Client.builder(), runtime.route53Endpoint());
    zone = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example.test";
    zoneId =
        route53
            .createHostedZone(r -> r.name(zone).callerReference(UUID.randomUUID().toString()))
            .hostedZone()
            .id();
  }

  @AfterAll
  static void stop() {
    if (route53 != null) {
      route53.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  /** A resolver of the runtime's name server: UDP, no EDNS (so 512 bytes), TCP only if asked. */
  static SimpleResolver resolver(boolean tcp) {
    SimpleResolver resolver =
        new SimpleResolver(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), runtime.dnsPort()));
    resolver.setTimeout(Duration.ofSeconds(5));
    resolver.setEDNS(-1);
    resolver.setTCP(tcp);
    resolver.setIgnoreTruncation(true);
    return resolver;
  }

  static Message query(SimpleResolver resolver, String name, int type) throws Exception {
    return resolver.send(
        Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  static void change(ChangeAction action, String name, RRType type, String... values) {
    List<ResourceRecord> records = new ArrayList<>();
    for (String value : values) {
      records.add(ResourceRecord.builder().value(value).build());
    }
    route53.changeResourceRecordSets(
        r ->
            r.hostedZoneId(zoneId)
                .changeBatch(
                    b ->
                        b.changes(
                            Change.builder()
                                .action(action)
                                .resourceRecordSet(
                                    ResourceRecordSet.builder()
                                        .name(name)
                                        .type(type)
                                        .ttl(60L)
                                        .resourceRecords(records)
                                        .build())
                                .build())));
  }

  static List<List<String>> txt(Message answer) {
    return answer.getSection(Section.ANSWER).stream()
        .filter(TXTRecord.class::isInstance)
        .map(r -> ((TXTRecord) r).getStrings())
        .toList();
  }

  @Test
  void aTxtWrittenThroughTheApi_isAnsweredAtOnce_andItsDeleteMakesTheNameNxdomain()
      throws Exception {
    // given
    String name = "_verify." + zone + ".";
    change(ChangeAction.CREATE, name, RRType.TXT, "\"topgun-verify=abc\"", "\"two\" \"strings\"");

    // when
    Message written = query(resolver(false), name, Type.TXT);
    change(ChangeAction.DELETE, name, RRType.TXT, "\"topgun-verify=abc\"", "\"two\" \"strings\"");
    Message deleted = query(resolver(false), name, Type.TXT);

    // then
    assertThat(written.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(written.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(txt(written))
        .containsExactlyInAnyOrder(List.of("topgun-verify=abc"), List.of("two", "strings"));
    assertThat(deleted.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(deleted.getSection(Section.AUTHORITY))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);
  }

  @Test
  void aLargeTxtSet_isTruncatedOverUdp_andAnsweredWholeOverTcp() throws Exception {
    // given: 12 values of 200 bytes, far beyond 512 bytes
    String name = "big." + zone + ".";
    String[] values = new String[12];
    for (int i = 0; i < values.length; i++) {
      values[i] = "\"" + String.format("%02d", i) + "y".repeat(198) + "\"";
    }
    change(ChangeAction.CREATE, name, RRType.TXT, values);

    // when
    Message udp = query(resolver(false), name, Type.TXT);
    Message tcp = query(resolver(true), name, Type.TXT);
    SimpleResolver fallsBack = resolver(false);
    fallsBack.setIgnoreTruncation(false);
    Message retried = query(fallsBack, name, Type.TXT);

    // then
    assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(txt(udp)).hasSizeLessThan(12);
    assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(txt(tcp)).hasSize(12);
    assertThat(txt(retried)).hasSize(12);
  }

  @Test
  void aNameOutsideTheZones_isRefused() throws Exception {
    // when
    Message udp = query(resolver(false), "www.not-hosted.test.", Type.A);
    Message tcp = query(resolver(true), "www.not-hosted.test.", Type.A);

    // then
    assertThat(udp.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(tcp.getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void aCnameIsFollowed_aWildcardAnswers_andAMissingTypeIsNodata() throws Exception {
    // given
    change(ChangeAction.CREATE, "www." + zone, RRType.A, "192.0.2.10");
    change(ChangeAction.CREATE, "shop." + zone, RRType.CNAME, "www." + zone);
    change(ChangeAction.CREATE, "*.apps." + zone, RRType.A, "192.0.2.20");

    // when
    Message cname = query(resolver(false), "shop." + zone + ".", Type.A);
    Message wildcard = query(resolver(true), "tenant-1.apps." + zone + ".", Type.A);
    Message nodata = query(resolver(false), "www." + zone + ".", Type.AAAA);

    // then
    assertThat(cname.getSection(Section.ANSWER))
        .extracting(r -> Type.string(r.getType()) + " " + r.rdataToString())
        .containsExactly("CNAME www." + zone + ".", "A 192.0.2.10");
    assertThat(wildcard.getSection(Section.ANSWER))
        .extracting(r -> r.getName() + " " + r.rdataToString())
        .containsExactly("tenant-1.apps." + zone + ". 192.0.2.20");
    assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
    assertThat(nodata.getSection(Section.AUTHORITY))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);
  }
}
