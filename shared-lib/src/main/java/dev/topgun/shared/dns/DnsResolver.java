package dev.topgun.shared.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks names up in DNS: the system's resolver in AWS, the local Route 53's name server on a
 * developer machine ({@code topgun.dns.resolver}). Nothing is cached, so a record just written is
 * seen by the next look-up (the resolver asked may cache, as resolvers do, for the record's TTL).
 *
 * <p>CNAMEs are followed, within an answer and, when an answer stops at a CNAME (an authoritative
 * server for the alias only), by asking for the target, up to {@value #MAX_CNAMES} of them.
 */
public final class DnsResolver {

  static final int MAX_CNAMES = 8;
  static final int DNS_PORT = 53;

  private final Resolver resolver;
  private final String description;

  DnsResolver(Resolver resolver, String description) {
    this.resolver = resolver;
    this.description = description;
  }

  /**
   * A resolver asking one server.
   *
   * @param server {@code host:port}, {@code [v6-address]:port}, or a host alone for port 53
   * @param timeout for each query
   */
  public static DnsResolver of(String server, Duration timeout) {
    InetSocketAddress address = address(server);
    SimpleResolver resolver = new SimpleResolver(address);
    resolver.setTimeout(timeout);
    return new DnsResolver(resolver, server);
  }

  /** The system's resolvers ({@code /etc/resolv.conf}), as Lambda provides them. */
  public static DnsResolver system(Duration timeout) {
    ExtendedResolver resolver = new ExtendedResolver();
    resolver.setTimeout(timeout);
    return new DnsResolver(resolver, "the system's resolvers");
  }

  static InetSocketAddress address(String server) {
    String text = server.trim();
    String host = text;
    int port = DNS_PORT;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("not a DNS server (host:port): " + server);
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("not a DNS server (host:port): " + server);
        }
        port = port(rest.substring(1), server);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = port(text.substring(text.indexOf(':') + 1), server);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("not a DNS server (host:port): " + server);
    }
    return new InetSocketAddress(host, port);
  }

  private static int port(String text, String server) {
    try {
      int port = Integer.parseInt(text);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a DNS server (host:port): " + server, e);
    }
  }

  /**
   * The records of {@code type} for {@code name}, CNAMEs followed (for {@code CNAME} itself: the
   * name's own CNAME).
   *
   * @param name absolute, with or without the trailing dot
   * @throws DnsNameNotFoundException the name, or where its CNAMEs lead, does not exist
   * @throws DnsNoDataException the name exists without such records
   * @throws DnsLookupFailedException no answer: timeout, network error, SERVFAIL, REFUSED, a CNAME
   *     loop or chain too long
   * @throws IllegalArgumentException {@code name} is not a domain name
   */
  public List<DnsRecord> lookup(String name, DnsRecordType type) {
    Name asked = absolute(name);
    Set<Name> seen = new HashSet<>();
    seen.add(asked);
    Name current = asked;
    for (int hop = 0; hop <= MAX_CNAMES; hop++) {
      Message answer = send(name, type, current);
      int rcode = answer.getRcode();
      if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
        throw new DnsLookupFailedException(
            name, type, "the server answered " + Rcode.string(rcode), null);
      }
      List<Record> records = answer.getSection(Section.ANSWER);
      Name owner = current;
      while (true) {
        List<DnsRecord> found = recordsOf(records, owner, type);
        if (!found.isEmpty()) {
          return found;
        }
        CNAMERecord cname = type == DnsRecordType.CNAME ? null : cnameOf(records, owner);
        if (cname == null) {
          break;
        }
        owner = cname.getTarget();
        if (!seen.add(owner) || seen.size() > MAX_CNAMES + 1) {
          throw new DnsLookupFailedException(
              name, type, "its CNAMEs loop or go on past " + MAX_CNAMES, null);
        }
      }
      if (rcode == Rcode.NXDOMAIN) {
        throw new DnsNameNotFoundException(name, type, plain(owner));
      }
      if (owner.equals(current)) {
        throw new DnsNoDataException(name, type);
      }
      current = owner;
    }
    throw new DnsLookupFailedException(name, type, "its CNAMEs go on past " + MAX_CNAMES, null);
  }

  /** The TXT values of {@code name}, each record's strings joined. */
  public List<String> txt(String name) {
    return values(lookup(name, DnsRecordType.TXT));
  }

  /** The target of {@code name}'s CNAME, without the trailing dot. */
  public String cname(String name) {
    return lookup(name, DnsRecordType.CNAME).get(0).value();
  }

  /** The IPv4 addresses of {@code name}, CNAMEs followed. */
  public List<String> a(String name) {
    return values(lookup(name, DnsRecordType.A));
  }

  /** The IPv6 addresses of {@code name}, CNAMEs followed. */
  public List<String> aaaa(String name) {
    return values(lookup(name, DnsRecordType.AAAA));
  }

  private static List<String> values(List<DnsRecord> records) {
    return records.stream().map(DnsRecord::value).toList();
  }

  private Message send(String name, DnsRecordType type, Name current) {
    Message query = Message.newQuery(Record.newRecord(current, type.code(), DClass.IN));
    try {
      return resolver.send(query);
    } catch (IOException e) {
      throw new DnsLookupFailedException(
          name, type, "no answer from " + description + " (" + e.getMessage() + ")", e);
    }
  }

  private static List<DnsRecord> recordsOf(List<Record> records, Name owner, DnsRecordType type) {
    List<DnsRecord> found = new ArrayList<>();
    for (Record record : records) {
      if (record.getType() == type.code() && record.getName().equals(owner)) {
        found.add(new DnsRecord(plain(record.getName()), type, record.getTTL(), value(record)));
      }
    }
    return found;
  }

  private static CNAMERecord cnameOf(List<Record> records, Name owner) {
    for (Record record : records) {
      if (record.getType() == Type.CNAME && record.getName().equals(owner)) {
        return (CNAMERecord) record;
      }
    }
    return null;
  }

  private static String value(Record record) {
    if (record instanceof ARecord a) {
      return a.getAddress().getHostAddress();
    }
    if (record instanceof AAAARecord aaaa) {
      return aaaa.getAddress().getHostAddress();
    }
    if (record instanceof CNAMERecord cname) {
      return plain(cname.getTarget());
    }
    return String.join("", ((TXTRecord) record).getStrings());
  }

  private static String plain(Name name) {
    return name.toString(true).toLowerCase(Locale.ROOT);
  }

  private static Name absolute(String name) {
    try {
      return Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a domain name: " + name, e);
    }
  }

  /** The resolver's servers, for diagnostics. */
  @Override
  public String toString() {
    return "DnsResolver[" + description + "]";
  }
}
