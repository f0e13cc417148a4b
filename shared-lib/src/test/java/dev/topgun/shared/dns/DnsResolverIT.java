package dev.topgun.shared.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.emulators.Route53Emulator;
import dev.topgun.emulators.route53.Change;
import dev.topgun.emulators.route53.Change.Action;
import io.micronaut.context.ApplicationContext;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link DnsResolver} bean against a real name server: the local Route 53's, as the local
 * runtime points functions at it with {@code topgun.dns.resolver}.
 */
class DnsResolverIT {

  static Route53Emulator route53;
  static String zoneId;
  static ApplicationContext context;
  static DnsResolver resolver;

  @BeforeAll
  static void start() {
    route53 = Route53Emulator.start();
    zoneId = route53.zones().create("resolve.example.test", "resolver-it", null).zone().id();
    context = ApplicationContext.run(Map.of("topgun.dns.resolver", route53.dnsResolver()));
    resolver = context.getBean(DnsResolver.class);
  }

  @AfterAll
  static void stop() {
    context.close();
    route53.close();
  }

  static void change(Action action, String name, String type, String... values) {
    route53
        .zones()
        .change(zoneId, List.of(new Change(action, name, type, 60, List.of(values))), null);
  }

  @Test
  void aTxtWrittenToTheZone_isResolved_andAfterItsDeleteTheNameDoesNotExist() {
    // given
    change(Action.CREATE, "_topgun.resolve.example.test", "TXT", "\"verify=\" \"abc123\"");

    // when
    List<String> values = resolver.txt("_topgun.resolve.example.test");
    change(Action.DELETE, "_topgun.resolve.example.test", "TXT", "\"verify=\" \"abc123\"");

    // then
    assertThat(values).containsExactly("verify=abc123");
    assertThatThrownBy(() -> resolver.txt("_topgun.resolve.example.test"))
        .isInstanceOf(DnsNameNotFoundException.class);
  }

  @Test
  void aCustomDomainsCname_andTheAddressesItLeadsTo_areResolved_andAMissingTypeIsNoData() {
    // given
    change(Action.CREATE, "edge.resolve.example.test", "A", "192.0.2.10");
    change(Action.CREATE, "shop.resolve.example.test", "CNAME", "edge.resolve.example.test");

    // when
    String target = resolver.cname("shop.resolve.example.test");
    List<String> addresses = resolver.a("shop.resolve.example.test");

    // then
    assertThat(target).isEqualTo("edge.resolve.example.test");
    assertThat(addresses).containsExactly("192.0.2.10");
    assertThatThrownBy(() -> resolver.aaaa("edge.resolve.example.test"))
        .isInstanceOf(DnsNoDataException.class);
  }

  @Test
  void aTxtSetTooLargeForUdp_isResolvedOverTcp() {
    // given: 12 values of 200 bytes, more than the 1280-byte EDNS payload dnsjava offers
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      values.add("\"" + String.format("%02d", i) + "z".repeat(198) + "\"");
    }
    change(Action.CREATE, "big.resolve.example.test", "TXT", values.toArray(String[]::new));

    // when
    List<String> resolved = resolver.txt("big.resolve.example.test");

    // then
    assertThat(resolved).hasSize(12).allMatch(value -> value.length() == 200);
  }

  @Test
  void aNameOutsideTheServersZones_isAFailedLookup_notAMissingName() {
    // when / then
    assertThatThrownBy(() -> resolver.txt("example.org"))
        .isInstanceOf(DnsLookupFailedException.class)
        .hasMessageContaining("REFUSED");
  }

  @Test
  void aServerThatNeverAnswers_failsWithinTheTimeout() throws Exception {
    // given: a UDP socket that reads nothing
    try (DatagramSocket silent =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      DnsResolver impatient =
          DnsResolver.of("127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(300));
      long started = System.nanoTime();

      // when / then
      assertThatThrownBy(() -> impatient.txt("resolve.example.test"))
          .isInstanceOf(DnsLookupFailedException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void withoutTopgunDnsResolver_theBeanAsksTheSystemsResolvers() {
    // when
    try (ApplicationContext system = ApplicationContext.run(Map.of())) {
      // then
      assertThat(system.getBean(DnsResolver.class))
          .hasToString("DnsResolver[the system's resolvers]");
    }
  }
}
