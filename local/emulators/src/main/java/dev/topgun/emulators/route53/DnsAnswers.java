package dev.topgun.emulators.route53;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What an authoritative name server for the hosted zones answers (RFC 1034 section 4.3.2, RFC 2308,
 * RFC 4592, RFC 6891), as Route 53's servers do: answers from the zones with AA set, CNAME chains
 * followed through every hosted zone, wildcards, NXDOMAIN or NODATA with the zone's SOA in the
 * authority section, referrals for delegated names, REFUSED for names in no zone. Pure: the same
 * query and zones give the same answer; {@link DnsServer} does the sockets.
 */
public final class DnsAnswers {

  /** A UDP answer's limit without EDNS (RFC 1035). */
  static final int PLAIN_UDP = 512;

  /** The largest UDP answer this server gives, and the payload size it advertises. */
  static final int MAX_UDP = 4096;

  static final int MAX_TCP = 65535;

  /** Longest CNAME chain followed, as resolvers bound theirs. */
  static final int MAX_CHAIN = 8;

  private static final Name WILDCARD = Name.fromConstantString("*");

  private DnsAnswers() {}

  /**
   * The wire answer to a wire query, or {@code null} when nothing must be sent back (too short to
   * carry an id, or itself an answer).
   *
   * @param tcp over TCP (no size limit but the message's), else UDP (512 bytes, or the EDNS payload
   *     size the query offers, at most {@link #MAX_UDP}; bigger answers are truncated with TC set
   *     so that the client asks again over TCP)
   */
  public static byte[] respond(byte[] query, boolean tcp, ServedZones zones) {
    if (query.length < Header.LENGTH) {
      return null;
    }
    Message request;
    try {
      request = new Message(query);
    } catch (IOException e) {
      return error(query, Rcode.FORMERR);
    }
    if (request.getHeader().getFlag(Flags.QR)) {
      return null;
    }
    Message answer = answer(request, zones);
    return answer.toWire(tcp ? MAX_TCP : udpLimit(request));
  }

  static int udpLimit(Message request) {
    OPTRecord opt = request.getOPT();
    if (opt == null) {
      return PLAIN_UDP;
    }
    return Math.max(PLAIN_UDP, Math.min(MAX_UDP, opt.getPayloadSize()));
  }

  /** An answer with no records but {@code rcode}, e.g. for a query that cannot be read. */
  static byte[] error(byte[] query, int rcode) {
    if (query.length < Header.LENGTH) {
      return null;
    }
    try {
      Header header = new Header(Arrays.copyOf(query, Header.LENGTH));
      if (header.getFlag(Flags.QR)) {
        return null;
      }
      Message answer = new Message(header.getID());
      answer.getHeader().setFlag(Flags.QR);
      answer.getHeader().setOpcode(header.getOpcode());
      answer.getHeader().setRcode(rcode);
      return answer.toWire();
    } catch (IOException e) {
      return null;
    }
  }

  /** The answer to a parsed query. */
  public static Message answer(Message request, ServedZones zones) {
    Header asked = request.getHeader();
    Message answer = new Message(asked.getID());
    Header header = answer.getHeader();
    header.setFlag(Flags.QR);
    header.setOpcode(asked.getOpcode());
    if (asked.getFlag(Flags.RD)) {
      header.setFlag(Flags.RD);
    }
    Record question = request.getQuestion();
    if (question != null) {
      answer.addRecord(question, Section.QUESTION);
    }
    OPTRecord opt = request.getOPT();
    if (opt != null && opt.getVersion() != 0) {
      // RFC 6891 6.1.3: only version 0 exists; BADVERS is an extended code (16), carried in OPT.
      header.setRcode(Rcode.BADVERS & 0xF);
      answer.addRecord(new OPTRecord(MAX_UDP, Rcode.BADVERS >>> 4, 0), Section.ADDITIONAL);
      return answer;
    }
    header.setRcode(rcodeFor(request, question, zones, answer));
    if (opt != null) {
      answer.addRecord(new OPTRecord(MAX_UDP, 0, 0), Section.ADDITIONAL);
    }
    return answer;
  }

  private static int rcodeFor(Message request, Record question, ServedZones zones, Message answer) {
    if (request.getHeader().getOpcode() != Opcode.QUERY) {
      return Rcode.NOTIMP;
    }
    if (question == null || request.getSection(Section.QUESTION).size() != 1) {
      return Rcode.FORMERR;
    }
    int type = question.getType();
    if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
      return Rcode.REFUSED;
    }
    if (type == Type.AXFR || type == Type.IXFR) {
      // Route 53 does not transfer zones.
      return Rcode.REFUSED;
    }
    ServedZones.Zone zone = zones.find(question.getName());
    if (zone == null) {
      return Rcode.REFUSED;
    }
    answer.getHeader().setFlag(Flags.AA);
    return resolve(answer, zones, zone, question.getName(), type, new HashSet<>());
  }

  /** Adds what {@code name} has of {@code type} to {@code answer}; returns the rcode. */
  private static int resolve(
      Message answer,
      ServedZones zones,
      ServedZones.Zone zone,
      Name name,
      int type,
      Set<Name> seen) {
    seen.add(name);
    Name cut = zone.cutAbove(name);
    if (cut != null && !(type == Type.DS && cut.equals(name))) {
      if (seen.size() == 1) {
        refer(answer, zone, cut);
      }
      return Rcode.NOERROR;
    }
    Map<Integer, RRset> node = zone.node(name);
    Name owner = name;
    if (node == null) {
      if (zone.exists(name)) {
        return noData(answer, zone);
      }
      Name wildcard = wildcardFor(zone, name);
      node = wildcard == null ? null : zone.node(wildcard);
      if (node == null) {
        addSoa(answer, zone);
        return Rcode.NXDOMAIN;
      }
    }
    RRset cname = node.get(Type.CNAME);
    if (cname != null && type != Type.CNAME && type != Type.ANY) {
      add(answer, cname, owner);
      Name target = ((CNAMERecord) cname.first()).getTarget();
      ServedZones.Zone next = zones.find(target);
      if (next == null || seen.contains(target) || seen.size() >= MAX_CHAIN) {
        // Out of the hosted zones (the client's resolver goes on from here), or a loop.
        return Rcode.NOERROR;
      }
      return resolve(answer, zones, next, target, type, seen);
    }
    if (type == Type.ANY) {
      node.values().forEach(rrset -> add(answer, rrset, owner));
      return Rcode.NOERROR;
    }
    RRset rrset = node.get(type);
    if (rrset == null) {
      return noData(answer, zone);
    }
    add(answer, rrset, owner);
    return Rcode.NOERROR;
  }

  /** {@code *.<closest encloser>} (RFC 4592 section 3.3.1), or {@code null}. */
  private static Name wildcardFor(ServedZones.Zone zone, Name name) {
    Name encloser = name;
    while (!zone.exists(encloser)) {
      encloser = new Name(encloser, 1);
    }
    try {
      return Name.concatenate(WILDCARD, encloser);
    } catch (NameTooLongException e) {
      return null;
    }
  }

  /** The records, owned by {@code owner} (a wildcard's are synthesised for the name asked). */
  private static void add(Message answer, RRset rrset, Name owner) {
    for (Record record : rrset.rrs(false)) {
      answer.addRecord(
          record.getName().equals(owner) ? record : record.withName(owner), Section.ANSWER);
    }
  }

  private static int noData(Message answer, ServedZones.Zone zone) {
    addSoa(answer, zone);
    return Rcode.NOERROR;
  }

  /** The SOA with the negative-caching TTL, the lesser of its TTL and MINIMUM (RFC 2308 3). */
  private static void addSoa(Message answer, ServedZones.Zone zone) {
    SOARecord soa = (SOARecord) zone.soa().first();
    long ttl = Math.min(soa.getTTL(), soa.getMinimum());
    answer.addRecord(
        new SOARecord(
            soa.getName(),
            DClass.IN,
            ttl,
            soa.getHost(),
            soa.getAdmin(),
            soa.getSerial(),
            soa.getRefresh(),
            soa.getRetry(),
            soa.getExpire(),
            soa.getMinimum()),
        Section.AUTHORITY);
  }

  /** A referral: not authoritative, the cut's NS set, and glue from the zone. */
  private static void refer(Message answer, ServedZones.Zone zone, Name cut) {
    answer.getHeader().unsetFlag(Flags.AA);
    RRset ns = zone.node(cut).get(Type.NS);
    for (Record record : ns.rrs(false)) {
      answer.addRecord(record, Section.AUTHORITY);
      Map<Integer, RRset> glue = zone.node(((NSRecord) record).getTarget());
      if (glue != null) {
        for (int type : new int[] {Type.A, Type.AAAA}) {
          if (glue.containsKey(type)) {
            glue.get(type).rrs(false).forEach(a -> answer.addRecord(a, Section.ADDITIONAL));
          }
        }
      }
    }
  }
}
