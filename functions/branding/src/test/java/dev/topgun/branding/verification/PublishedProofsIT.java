package dev.topgun.branding.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.topgun.emulators.Route53Emulator;
import dev.topgun.emulators.route53.Change;
import dev.topgun.emulators.route53.Change.Action;
import dev.topgun.shared.dns.DnsResolver;
import io.micronaut.context.BeanProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proofs as published: TXT records served by the Route 53 emulator's name server (as the local
 * runtime serves its zones), and the HTTP file served on loopback — fetched only where private
 * addresses are allowed, pinned to the address the name resolved to.
 */
class PublishedProofsIT {

  static Route53Emulator route53;
  static String zoneId;
  static HttpServer http;
  static DnsResolver resolver;

  @BeforeAll
  static void start() throws Exception {
    route53 = Route53Emulator.start();
    zoneId = route53.zones().create("proofs.example.test", "proofs-it", null).zone().id();
    resolver = DnsResolver.of(route53.dnsResolver(), Duration.ofSeconds(3));
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/.well-known/domain-verification/",
        exchange -> {
          boolean ours =
              "www.proofs.example.test".equals(exchange.getRequestHeaders().getFirst("Host"))
                  && exchange.getRequestURI().getPath().endsWith("/tok-http");
          byte[] body = (ours ? "tok-http\n" : "no").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(ours ? 200 : 404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    http.start();
    change(Action.CREATE, "_domain-verification.panel.proofs.example.test", "TXT", "\"tok-txt\"");
    change(Action.CREATE, "www.proofs.example.test", "A", "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    http.stop(0);
    route53.close();
  }

  static void change(Action action, String name, String type, String value) {
    route53
        .zones()
        .change(zoneId, List.of(new Change(action, name, type, 60, List.of(value))), null);
  }

  static PublishedProofs proofs(boolean allowPrivate) {
    return new PublishedProofs(provider(), allowPrivate);
  }

  @Test
  void aTxtRecordHoldingTheToken_provesTheClaim_andAnotherValueOrNameDoesNot() {
    PublishedProofs proofs = proofs(false);

    assertThat(proofs.txtHolds("_domain-verification.panel.proofs.example.test", "tok-txt"))
        .isTrue();
    assertThat(proofs.txtHolds("_domain-verification.panel.proofs.example.test", "other"))
        .isFalse();
    assertThat(proofs.txtHolds("_domain-verification.none.proofs.example.test", "tok-txt"))
        .isFalse();
  }

  @Test
  void theHttpFile_provesTheClaim_whereLoopbackIsAllowed_andIsNotFetchedWhereItIsNot() {
    String url =
        "http://www.proofs.example.test:"
            + http.getAddress().getPort()
            + "/.well-known/domain-verification/tok-http";

    assertThat(proofs(true).httpServes(url, "tok-http")).isTrue();
    assertThat(proofs(true).httpServes(url, "something-else")).isFalse();
    assertThat(proofs(false).httpServes(url, "tok-http"))
        .as("a name resolving to loopback is not fetched outside the local runtime")
        .isFalse();
  }

  @Test
  void aPublishedStringIsComparedWithoutItsQuotesAndWhitespace() {
    assertThat(PublishedProofs.unquoted(" \"abc\" ")).isEqualTo("abc");
    assertThat(PublishedProofs.unquoted("abc")).isEqualTo("abc");
  }

  private static BeanProvider<DnsResolver> provider() {
    return new BeanProvider<>() {
      @Override
      public DnsResolver get() {
        return resolver;
      }
    };
  }
}
