package dev.topgun.shared.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

class DnsResolverTest {

  /** A name server in memory: answers by "name type", records in presentation form. */
  static final class Answers implements Resolver {

    final Map<String, Message> answers = new HashMap<>();
    final List<String> asked = new ArrayList<>();
    IOException failure;

    Answers answer(String name, int type, int rcode, String... records) {
      Message message = new Message();
      message.getHeader().setFlag(Flags.QR);
      message.getHeader().setRcode(rcode);
      for (String record : records) {
        try {
          String[] parts = record.split(" ", 3);
          message.addRecord(
              Record.fromString(
                  Name.fromString(parts[0]),
                  Type.value(parts[1]),
                  DClass.IN,
                  300,
                  parts[2],
                  Name.root),
              Section.ANSWER);
        } catch (IOException e) {
          throw new IllegalArgumentException(record, e);
        }
      }
      answers.put(name + " " + Type.string(type), message);
      return this;
    }

    @Override
    public Message send(Message query) throws IOException {
      Record question = query.getQuestion();
      String key =
          question.getName().toString().toLowerCase() + " " + Type.string(question.getType());
      asked.add(key);
      if (failure != null) {
        throw failure;
      }
      Message answer = answers.get(key);
      if (answer == null) {
        throw new AssertionError("not expected to be asked: " + key);
      }
      return answer;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
      try {
        return CompletableFuture.completedFuture(send(query));
      } catch (IOException e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      return sendAsync(query);
    }

    @Override
    public void setPort(int port) {}

    @Override
    public void setTCP(boolean flag) {}

    @Override
    public void setIgnoreTruncation(boolean flag) {}

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}

    @Override
    public void setTSIGKey(TSIG key) {}

    @Override
    public void setTimeout(Duration timeout) {}
  }

  private final Answers server = new Answers();
  private final DnsResolver resolver = new DnsResolver(server, "test");

  @Test
  void txt_givesEachRecordsStringsJoined() {
    // given
    server.answer(
        "_verify.example.com.",
        Type.TXT,
        Rcode.NOERROR,
        "_verify.example.com. TXT \"topgun-verify=\" \"abc\"",
        "_verify.example.com. TXT other");

    // when
    List<DnsRecord> records = resolver.lookup("_Verify.Example.com", DnsRecordType.TXT);

    // then
    assertThat(records)
        .containsExactly(
            new DnsRecord("_verify.example.com", DnsRecordType.TXT, 300, "topgun-verify=abc"),
            new DnsRecord("_verify.example.com", DnsRecordType.TXT, 300, "other"));
    assertThat(resolver.txt("_verify.example.com.")).containsExactly("topgun-verify=abc", "other");
  }

  @Test
  void aCnameChainInTheAnswer_isFollowedToTheAddresses() {
    // given
    server.answer(
        "shop.customer.test.",
        Type.A,
        Rcode.NOERROR,
        "shop.customer.test. CNAME edge.topgun.test.",
        "edge.topgun.test. A 192.0.2.1",
        "edge.topgun.test. A 192.0.2.2");

    // when
    List<DnsRecord> records = resolver.lookup("shop.customer.test", DnsRecordType.A);

    // then
    assertThat(records).extracting(DnsRecord::name).containsOnly("edge.topgun.test");
    assertThat(records).extracting(DnsRecord::value).containsExactly("192.0.2.1", "192.0.2.2");
  }

  @Test
  void anAnswerThatStopsAtACname_isFollowedByAskingForTheTarget() {
    // given
    server
        .answer(
            "www.customer.test.",
            Type.AAAA,
            Rcode.NOERROR,
            "www.customer.test. CNAME app.host.test.")
        .answer("app.host.test.", Type.AAAA, Rcode.NOERROR, "app.host.test. AAAA 2001:db8::1");

    // when
    List<String> addresses = resolver.aaaa("www.customer.test");

    // then
    assertThat(addresses).containsExactly("2001:db8:0:0:0:0:0:1");
    assertThat(server.asked).containsExactly("www.customer.test. AAAA", "app.host.test. AAAA");
  }

  @Test
  void aCnameLookup_givesTheNamesOwnCname_unfollowed() {
    // given
    server.answer(
        "shop.customer.test.",
        Type.CNAME,
        Rcode.NOERROR,
        "shop.customer.test. CNAME edge.topgun.test.");

    // when / then
    assertThat(resolver.cname("shop.customer.test")).isEqualTo("edge.topgun.test");
  }

  @Test
  void nxdomain_noData_andFailures_areToldApart() {
    // given
    server
        .answer("gone.example.com.", Type.TXT, Rcode.NXDOMAIN)
        .answer("www.example.com.", Type.TXT, Rcode.NOERROR)
        .answer("broken.example.com.", Type.TXT, Rcode.SERVFAIL)
        .answer("elsewhere.test.", Type.TXT, Rcode.REFUSED)
        .answer(
            "dangling.example.com.",
            Type.A,
            Rcode.NXDOMAIN,
            "dangling.example.com. CNAME nowhere.example.com.");

    // when / then
    assertThatThrownBy(() -> resolver.txt("gone.example.com"))
        .isInstanceOfSatisfying(
            DnsNameNotFoundException.class, e -> assertThat(e.name()).isEqualTo("gone.example.com"))
        .hasMessage("gone.example.com does not exist (NXDOMAIN)");
    assertThatThrownBy(() -> resolver.txt("www.example.com"))
        .isInstanceOf(DnsNoDataException.class)
        .hasMessage("www.example.com has no TXT records");
    assertThatThrownBy(() -> resolver.txt("broken.example.com"))
        .isInstanceOf(DnsLookupFailedException.class)
        .hasMessageContaining("SERVFAIL");
    assertThatThrownBy(() -> resolver.txt("elsewhere.test"))
        .isInstanceOf(DnsLookupFailedException.class)
        .hasMessageContaining("REFUSED");
    assertThatThrownBy(() -> resolver.a("dangling.example.com"))
        .isInstanceOf(DnsNameNotFoundException.class)
        .hasMessage(
            "dangling.example.com leads by CNAME to nowhere.example.com, which does not exist (NXDOMAIN)");
  }

  @Test
  void noAnswer_isAFailure_andACnameLoopToo() {
    // given
    Answers silentServer = new Answers();
    silentServer.failure = new SocketTimeoutException("Timed out");
    DnsResolver silent = new DnsResolver(silentServer, "silent");
    server
        .answer("a.loop.test.", Type.A, Rcode.NOERROR, "a.loop.test. CNAME b.loop.test.")
        .answer("b.loop.test.", Type.A, Rcode.NOERROR, "b.loop.test. CNAME a.loop.test.");

    // when / then
    assertThatThrownBy(() -> silent.txt("example.com"))
        .isInstanceOf(DnsLookupFailedException.class)
        .hasMessageContaining("Timed out")
        .hasCauseInstanceOf(SocketTimeoutException.class);
    assertThatThrownBy(() -> resolver.a("a.loop.test"))
        .isInstanceOf(DnsLookupFailedException.class)
        .hasMessageContaining("loop");
  }

  @Test
  void aNameThatCannotBeOne_isBadInput() {
    // when / then
    assertThatThrownBy(() -> resolver.txt("a..b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serverAddresses_areHostAndPort_bracketedV6_orAHostForPort53() {
    // when / then
    assertThat(DnsResolver.address("127.0.0.1:8053"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 8053));
    assertThat(DnsResolver.address("[::1]:5353")).isEqualTo(new InetSocketAddress("::1", 5353));
    assertThat(DnsResolver.address("::1")).isEqualTo(new InetSocketAddress("::1", 53));
    assertThat(DnsResolver.address("127.0.0.1")).isEqualTo(new InetSocketAddress("127.0.0.1", 53));
    assertThatThrownBy(() -> DnsResolver.address("127.0.0.1:dns"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DnsResolver.address("127.0.0.1:0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DnsResolver.address(":53"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
