package dev.topgun.emulators.route53;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.emulators.route53.Change.Action;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.TXTRecord;

class HostedZoneTest {

  private final HostedZone zone =
      HostedZone.create(
          "Z1",
          DomainName.parse("example.test"),
          "ref-1",
          null,
          Instant.parse("2026-01-01T00:00:00Z"));

  private static Change change(Action action, String name, String type, String... values) {
    return new Change(action, name, type, 300, List.of(values));
  }

  private static List<String> messages(HostedZone zone, Change... changes) {
    try {
      zone.apply(List.of(changes));
    } catch (InvalidChangeBatchException e) {
      return e.messages();
    }
    throw new AssertionError("the batch was accepted");
  }

  @Test
  void aNewZone_hasRoute53sSoaAndNsSets_atItsApex() {
    // then
    assertThat(zone.recordSets())
        .extracting(set -> set.name().text() + " " + set.type() + " " + set.ttl())
        .containsExactly("example.test. NS 172800", "example.test. SOA 900");
    assertThat(zone.recordSets().get(0).values()).isEqualTo(HostedZone.NAME_SERVERS);
    assertThat(zone.holdsOnlyRequiredSets()).isTrue();
  }

  @Test
  void create_addsTheSet_withItsValuesAsGiven() {
    // when
    HostedZone changed =
        zone.apply(
            List.of(change(Action.CREATE, "_x.Example.test", "TXT", "\"token-1\" \"part two\"")));

    // then
    RecordSet set = changed.recordSets().get(2);
    assertThat(set.name().text()).isEqualTo("_x.example.test.");
    assertThat(set.values()).containsExactly("\"token-1\" \"part two\"");
    assertThat(((TXTRecord) set.records().get(0)).getStrings())
        .containsExactly("token-1", "part two");
    assertThat(zone.recordSetCount()).isEqualTo(2);
    assertThat(changed.holdsOnlyRequiredSets()).isFalse();
  }

  @Test
  void createOfAnExistingSet_isRefused_withRoute53sMessage() {
    // given
    HostedZone changed =
        zone.apply(List.of(change(Action.CREATE, "www.example.test", "A", "192.0.2.1")));

    // when
    List<String> messages =
        messages(changed, change(Action.CREATE, "www.example.test.", "A", "192.0.2.2"));

    // then
    assertThat(messages)
        .containsExactly(
            "Tried to create resource record set [name='www.example.test.', type='A'] but it"
                + " already exists");
  }

  @Test
  void deleteOfAMissingSet_andOfOneWithOtherValues_areRefused() {
    // given
    HostedZone changed =
        zone.apply(List.of(change(Action.CREATE, "www.example.test", "A", "192.0.2.1")));

    // when
    List<String> missing =
        messages(changed, change(Action.DELETE, "ftp.example.test", "A", "192.0.2.1"));
    List<String> different =
        messages(changed, change(Action.DELETE, "www.example.test", "A", "192.0.2.9"));
    List<String> otherTtl =
        messages(
            changed, new Change(Action.DELETE, "www.example.test", "A", 60, List.of("192.0.2.1")));

    // then
    assertThat(missing)
        .containsExactly(
            "Tried to delete resource record set [name='ftp.example.test.', type='A'] but it was"
                + " not found");
    assertThat(different)
        .containsExactly(
            "Tried to delete resource record set [name='www.example.test.', type='A'] but the"
                + " values provided do not match the current values");
    assertThat(otherTtl).isEqualTo(different);
  }

  @Test
  void deleteWithTheSameValuesInAnotherOrder_removesTheSet() {
    // given
    HostedZone changed =
        zone.apply(
            List.of(change(Action.CREATE, "www.example.test", "A", "192.0.2.1", "192.0.2.2")));

    // when
    HostedZone deleted =
        changed.apply(
            List.of(change(Action.DELETE, "WWW.example.test.", "A", "192.0.2.2", "192.0.2.1")));

    // then
    assertThat(deleted.recordSets()).hasSize(2);
  }

  @Test
  void aBatchWithOneBadChange_changesNothing_andNamesEveryProblem() {
    // when
    List<String> messages =
        messages(
            zone,
            change(Action.CREATE, "ok.example.test", "A", "192.0.2.1"),
            change(Action.CREATE, "bad.example.test", "A", "192.0.2"),
            change(Action.DELETE, "gone.example.test", "TXT", "\"x\""));

    // then
    assertThat(messages)
        .containsExactly(
            "Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a"
                + " valid IPv4 address) encountered with '192.0.2''",
            "Tried to delete resource record set [name='gone.example.test.', type='TXT'] but it"
                + " was not found");
    assertThat(zone.recordSets()).hasSize(2);
  }

  @Test
  void deleteThenCreateOfOneSet_inOneBatch_replacesIt() {
    // given
    HostedZone changed =
        zone.apply(List.of(change(Action.CREATE, "www.example.test", "A", "192.0.2.1")));

    // when
    HostedZone replaced =
        changed.apply(
            List.of(
                change(Action.DELETE, "www.example.test", "A", "192.0.2.1"),
                change(Action.CREATE, "www.example.test", "A", "192.0.2.7")));

    // then
    assertThat(replaced.recordSets().get(2).values()).containsExactly("192.0.2.7");
  }

  @Test
  void twoCreatesOfOneSet_inOneBatch_areAnInvalidSetOfChanges() {
    // when
    List<String> messages =
        messages(
            zone,
            change(Action.CREATE, "www.example.test", "A", "192.0.2.1"),
            change(Action.CREATE, "www.example.test.", "A", "192.0.2.2"));

    // then
    assertThat(messages)
        .containsExactly(
            "The request contains an invalid set of changes for a resource record set 'A"
                + " www.example.test.'");
  }

  @Test
  void upsert_createsOrReplaces() {
    // when
    HostedZone created =
        zone.apply(List.of(change(Action.UPSERT, "www.example.test", "A", "192.0.2.1")));
    HostedZone replaced =
        created.apply(List.of(change(Action.UPSERT, "www.example.test", "A", "192.0.2.2")));

    // then
    assertThat(created.recordSets().get(2).values()).containsExactly("192.0.2.1");
    assertThat(replaced.recordSets().get(2).values()).containsExactly("192.0.2.2");
    assertThat(replaced.recordSets()).hasSize(3);
  }

  @Test
  void aCname_ownsItsNameAlone_andIsNotAllowedAtTheApex() {
    // given
    HostedZone withA =
        zone.apply(List.of(change(Action.CREATE, "www.example.test", "A", "192.0.2.1")));
    HostedZone withCname =
        zone.apply(
            List.of(change(Action.CREATE, "app.example.test", "CNAME", "target.example.net")));

    // when
    List<String> cnameBesideA =
        messages(withA, change(Action.CREATE, "www.example.test", "CNAME", "target.example.net"));
    List<String> txtBesideCname =
        messages(withCname, change(Action.UPSERT, "app.example.test", "TXT", "\"x\""));
    List<String> atApex =
        messages(zone, change(Action.CREATE, "example.test", "CNAME", "target.example.net"));

    // then
    assertThat(cnameBesideA)
        .containsExactly(
            "RRSet of type CNAME with DNS name www.example.test. is not permitted as it conflicts"
                + " with other records with the same DNS name in zone example.test.");
    assertThat(txtBesideCname)
        .containsExactly(
            "RRSet of type TXT with DNS name app.example.test. is not permitted as it conflicts"
                + " with other records with the same DNS name in zone example.test.");
    assertThat(atApex)
        .containsExactly(
            "RRSet of type CNAME with DNS name example.test. is not permitted at apex in zone"
                + " example.test.");
  }

  @Test
  void aNameOutsideTheZone_isNotPermitted() {
    // when
    List<String> messages =
        messages(zone, change(Action.CREATE, "www.example.org", "A", "192.0.2.1"));

    // then
    assertThat(messages)
        .containsExactly(
            "RRSet with DNS name www.example.org. is not permitted in zone example.test.");
  }

  @Test
  void theSoaAndTheApexNs_cannotBeDeleted_butMayBeUpserted() {
    // given
    RecordSet soa = zone.recordSets().get(1);
    RecordSet ns = zone.recordSets().get(0);

    // when
    List<String> deleteSoa =
        messages(zone, new Change(Action.DELETE, "example.test", "SOA", soa.ttl(), soa.values()));
    List<String> deleteNs =
        messages(zone, new Change(Action.DELETE, "example.test", "NS", ns.ttl(), ns.values()));
    HostedZone upserted =
        zone.apply(
            List.of(
                new Change(
                    Action.UPSERT,
                    "example.test",
                    "NS",
                    3600,
                    List.of("ns1.route53.localhost.", "ns2.route53.localhost."))));

    // then
    assertThat(deleteSoa).containsExactly("A HostedZone must contain exactly one SOA record.");
    assertThat(deleteNs)
        .containsExactly("A HostedZone must contain at least one NS record for the zone itself.");
    assertThat(upserted.recordSets().get(0).ttl()).isEqualTo(3600);
  }

  @Test
  void valuesRoute53Refuses_areNamedOneByOne() {
    // when
    List<String> messages =
        messages(
            zone,
            change(Action.CREATE, "v6.example.test", "AAAA", "2001:db8::zz"),
            change(Action.CREATE, "long.example.test", "TXT", "\"" + "a".repeat(256) + "\""),
            change(Action.CREATE, "dup.example.test", "A", "192.0.2.1", "192.0.2.1"),
            change(Action.CREATE, "a".repeat(64) + ".example.test", "A", "192.0.2.1"));

    // then
    assertThat(messages)
        .containsExactly(
            "Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not"
                + " a valid IPv6 address) encountered with '2001:db8::zz''",
            "Invalid Resource Record: 'FATAL problem: TXTRDATATooLong (Value is too long)"
                + " encountered with '\""
                + "a".repeat(256)
                + "\"''",
            "Duplicate Resource Record: '192.0.2.1'",
            "FATAL problem: DomainLabelTooLong (Domain label is too long) encountered with '"
                + "a".repeat(64)
                + ".example.test'");
  }

  @Test
  void everyRecordTypeTheTaskNames_isReadFromRoute53sValueForm() {
    // when
    HostedZone changed =
        zone.apply(
            List.of(
                change(Action.CREATE, "a.example.test", "A", "192.0.2.1"),
                change(Action.CREATE, "a.example.test", "AAAA", "2001:db8::1"),
                change(Action.CREATE, "c.example.test", "CNAME", "a.example.test"),
                change(Action.CREATE, "example.test", "MX", "10 mail.example.test"),
                change(Action.CREATE, "example.test", "CAA", "0 issue \"letsencrypt.org\""),
                change(
                    Action.CREATE, "_sip._tcp.example.test", "SRV", "1 10 5060 sip.example.test"),
                change(Action.CREATE, "sub.example.test", "NS", "ns1.elsewhere.test"),
                change(Action.CREATE, "*.example.test", "TXT", "wild")));

    // then
    assertThat(changed.recordSets())
        .extracting(set -> set.type() + " " + set.records().get(0).rdataToString())
        .containsExactly(
            "CAA 0 issue \"letsencrypt.org\"",
            "MX 10 mail.example.test.",
            "NS ns1.route53.localhost.",
            "SOA " + HostedZone.SOA_VALUE,
            "TXT wild",
            "SRV 1 10 5060 sip.example.test.",
            "A 192.0.2.1",
            "AAAA 2001:db8:0:0:0:0:0:1",
            "CNAME a.example.test.",
            "NS ns1.elsewhere.test.");
  }
}
