package dev.topgun.emulators.route53;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.emulators.route53.Change.Action;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class DnsAnswersTest {

  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private static HostedZone zone(String id, String name, Change... changes) {
    HostedZone zone = HostedZone.create(id, DomainName.parse(name), "ref-" + id, null, CREATED);
    return changes.length == 0 ? zone : zone.apply(List.of(changes));
  }

  private static Change create(String name, String type, String... values) {
    return new Change(Action.CREATE, name, type, 300, List.of(values));
  }

  private static ServedZones served(HostedZone... zones) {
    List<ServedZones.Zone> served = new ArrayList<>();
    for (HostedZone zone : zones) {
      served.add(ServedZones.Zone.of(zone));
    }
    return ServedZones.of(served);
  }

  private static Message ask(ServedZones zones, String name, int type) {
    Message query =
        Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
    return DnsAnswers.answer(query, zones);
  }

  private static List<String> answers(Message answer) {
    return answer.getSection(Section.ANSWER).stream()
        .map(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString())
        .toList();
  }

  private final ServedZones zones =
      served(
          zone(
              "Z1",
              "example.test",
              create("www.example.test", "A", "192.0.2.1", "192.0.2.2"),
              create("_verify.example.test", "TXT", "\"token-1\"", "\"a\" \"b\""),
              create("app.example.test", "CNAME", "www.example.test"),
              create("out.example.test", "CNAME", "elsewhere.example.org"),
              create("other.example.test", "CNAME", "shop.other.test"),
              create("loop1.example.test", "CNAME", "loop2.example.test"),
              create("loop2.example.test", "CNAME", "loop1.example.test"),
              create("a.b.example.test", "A", "192.0.2.3"),
              create("*.wild.example.test", "TXT", "\"wild\""),
              create("x.wild.example.test", "A", "192.0.2.4"),
              create("sub.example.test", "NS", "ns1.sub.example.test"),
              create("ns1.sub.example.test", "A", "192.0.2.53")),
          zone("Z2", "other.test", create("shop.other.test", "A", "198.51.100.1")),
          zone("Z3", "deep.example.test", create("deep.example.test", "A", "203.0.113.1")));

  @Test
  void aRecordOfAZone_isAnsweredAuthoritatively() {
    // when
    Message answer = ask(zones, "www.example.test.", Type.A);

    // then
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(answer.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(answers(answer))
        .containsExactly("www.example.test. A 192.0.2.1", "www.example.test. A 192.0.2.2");
    assertThat(answer.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(300);
  }

  @Test
  void txtValues_areAnsweredAsTheirCharacterStrings() {
    // when
    Message answer = ask(zones, "_VERIFY.example.test.", Type.TXT);

    // then
    assertThat(answer.getSection(Section.ANSWER))
        .extracting(r -> ((TXTRecord) r).getStrings())
        .containsExactly(List.of("token-1"), List.of("a", "b"));
  }

  @Test
  void aNameThatDoesNotExist_isNxdomain_withTheSoaForNegativeCaching() {
    // when
    Message answer = ask(zones, "nope.example.test.", Type.TXT);

    // then
    assertThat(answer.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
    SOARecord soa = (SOARecord) answer.getSection(Section.AUTHORITY).get(0);
    assertThat(soa.getName()).isEqualTo(Name.fromConstantString("example.test."));
    // min(SOA TTL 900, MINIMUM 86400)
    assertThat(soa.getTTL()).isEqualTo(900);
  }

  @Test
  void aNameWithoutTheTypeAsked_isNodata_notNxdomain() {
    // when
    Message noTxt = ask(zones, "www.example.test.", Type.TXT);
    Message emptyNonTerminal = ask(zones, "b.example.test.", Type.A);

    // then
    for (Message answer : List.of(noTxt, emptyNonTerminal)) {
      assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(answer.getSection(Section.ANSWER)).isEmpty();
      assertThat(answer.getSection(Section.AUTHORITY))
          .extracting(Record::getType)
          .containsExactly(Type.SOA);
    }
  }

  @Test
  void aCname_isFollowedWithinTheZones() {
    // when
    Message sameZone = ask(zones, "app.example.test.", Type.A);
    Message otherZone = ask(zones, "other.example.test.", Type.A);
    Message cnameAsked = ask(zones, "app.example.test.", Type.CNAME);

    // then
    assertThat(answers(sameZone))
        .containsExactly(
            "app.example.test. CNAME www.example.test.",
            "www.example.test. A 192.0.2.1",
            "www.example.test. A 192.0.2.2");
    assertThat(answers(otherZone))
        .containsExactly(
            "other.example.test. CNAME shop.other.test.", "shop.other.test. A 198.51.100.1");
    assertThat(answers(cnameAsked)).containsExactly("app.example.test. CNAME www.example.test.");
  }

  @Test
  void aCnameOutOfTheZones_isAnsweredAlone_andALoopEnds() {
    // when
    Message out = ask(zones, "out.example.test.", Type.A);
    Message loop = ask(zones, "loop1.example.test.", Type.A);

    // then
    assertThat(out.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answers(out)).containsExactly("out.example.test. CNAME elsewhere.example.org.");
    assertThat(answers(loop))
        .containsExactly(
            "loop1.example.test. CNAME loop2.example.test.",
            "loop2.example.test. CNAME loop1.example.test.");
  }

  @Test
  void aWildcard_answersForNamesThatDoNotExist_underTheNameThatWasAsked() {
    // when
    Message synthesised = ask(zones, "anything.wild.example.test.", Type.TXT);
    Message deeper = ask(zones, "a.b.c.wild.example.test.", Type.TXT);
    Message existing = ask(zones, "x.wild.example.test.", Type.TXT);

    // then
    assertThat(answers(synthesised)).containsExactly("anything.wild.example.test. TXT wild");
    assertThat(answers(deeper)).containsExactly("a.b.c.wild.example.test. TXT wild");
    assertThat(existing.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(existing.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void aNameInNoZone_isRefused() {
    // when
    Message answer = ask(zones, "example.org.", Type.A);

    // then
    assertThat(answer.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void theMostSpecificZone_answersForItsNames() {
    // when
    Message answer = ask(zones, "deep.example.test.", Type.A);

    // then
    assertThat(answers(answer)).containsExactly("deep.example.test. A 203.0.113.1");
  }

  @Test
  void aDelegatedName_getsAReferral_withGlue() {
    // when
    Message answer = ask(zones, "host.sub.example.test.", Type.A);

    // then
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
    assertThat(answer.getSection(Section.AUTHORITY))
        .extracting(r -> r.getName() + " " + r.rdataToString())
        .containsExactly("sub.example.test. ns1.sub.example.test.");
    assertThat(answer.getSection(Section.ADDITIONAL))
        .extracting(Record::rdataToString)
        .containsExactly("192.0.2.53");
  }

  @Test
  void ednsQueries_getAnOptRecord_andAnUnknownVersionIsBadvers() {
    // given
    Message query =
        Message.newQuery(
            Record.newRecord(Name.fromConstantString("www.example.test."), Type.A, DClass.IN));
    query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    Message version1 =
        Message.newQuery(
            Record.newRecord(Name.fromConstantString("www.example.test."), Type.A, DClass.IN));
    version1.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);

    // when
    Message answer = DnsAnswers.answer(query, zones);
    Message refused = DnsAnswers.answer(version1, zones);

    // then
    assertThat(answer.getOPT().getPayloadSize()).isEqualTo(DnsAnswers.MAX_UDP);
    assertThat(answers(answer)).hasSize(2);
    assertThat(refused.getRcode()).isEqualTo(Rcode.BADVERS);
    assertThat(refused.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void anAnswerOver512Bytes_isTruncatedOverUdp_unlessEdnsOffersRoom() throws IOException {
    // given: 20 TXT values of 100 bytes each
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      values.add("\"" + String.format("%02d", i) + "x".repeat(98) + "\"");
    }
    ServedZones big =
        served(zone("Z9", "big.test", new Change(Action.CREATE, "t.big.test", "TXT", 60, values)));
    Message query =
        Message.newQuery(
            Record.newRecord(Name.fromConstantString("t.big.test."), Type.TXT, DClass.IN));
    Message ednsQuery = query.clone();
    ednsQuery.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);

    // when
    Message plainUdp = new Message(DnsAnswers.respond(query.toWire(), false, big));
    Message tcp = new Message(DnsAnswers.respond(query.toWire(), true, big));
    Message ednsUdp = new Message(DnsAnswers.respond(ednsQuery.toWire(), false, big));

    // then
    assertThat(plainUdp.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(plainUdp.toWire().length).isLessThanOrEqualTo(512);
    assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(20);
    assertThat(ednsUdp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(ednsUdp.getSection(Section.ANSWER)).hasSize(20);
  }

  @Test
  void unreadableQueries_getFormerr_andAnswersOrShortPacketsGetNothing() throws IOException {
    // given
    byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07};
    Message response = ask(zones, "www.example.test.", Type.A);

    // when
    byte[] formerr = DnsAnswers.respond(garbage, false, zones);

    // then
    Message answer = new Message(formerr);
    assertThat(answer.getHeader().getID()).isEqualTo(0x1234);
    assertThat(answer.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(DnsAnswers.respond(response.toWire(), false, zones)).isNull();
    assertThat(DnsAnswers.respond(new byte[] {1, 2, 3}, false, zones)).isNull();
  }

  @Test
  void anUpdate_isNotImplemented_andAZoneTransferIsRefused() {
    // given
    Message update =
        Message.newQuery(
            Record.newRecord(Name.fromConstantString("example.test."), Type.SOA, DClass.IN));
    update.getHeader().setOpcode(Opcode.UPDATE);

    // when
    Message notImplemented = DnsAnswers.answer(update, zones);
    Message transfer = ask(zones, "example.test.", Type.AXFR);

    // then
    assertThat(notImplemented.getRcode()).isEqualTo(Rcode.NOTIMP);
    assertThat(transfer.getRcode()).isEqualTo(Rcode.REFUSED);
  }
}
