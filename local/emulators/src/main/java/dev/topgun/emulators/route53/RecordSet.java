package dev.topgun.emulators.route53;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One resource record set of a hosted zone: a name, a type, a TTL and the values as they were given
 * (Route 53 hands values back as written, e.g. TXT with its quotes), each also read into a DNS
 * record with dnsjava's master-file parser, which is what the name server answers with.
 */
public final class RecordSet {

  /** The types Route 53 takes ({@code RRType}). */
  public static final List<String> TYPES =
      List.of(
          "SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", "SRV", "SPF", "AAAA", "CAA", "DS",
          "TLSA", "SSHFP", "SVCB", "HTTPS");

  static final long MAX_TTL = 2147483647L;
  static final int MAX_VALUE_LENGTH = 4000;

  private final DomainName name;
  private final String type;
  private final long ttl;
  private final List<String> values;
  private final List<Record> records;

  private RecordSet(
      DomainName name, String type, long ttl, List<String> values, List<Record> records) {
    this.name = name;
    this.type = type;
    this.ttl = ttl;
    this.values = List.copyOf(values);
    this.records = List.copyOf(records);
  }

  /**
   * Reads a record set.
   *
   * @param type one of {@link #TYPES}
   * @throws InvalidRecordException with Route 53's messages for each value it would refuse
   */
  public static RecordSet of(DomainName name, String type, long ttl, List<String> values) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("not a Route 53 record type: " + type);
    }
    if (ttl < 0 || ttl > MAX_TTL) {
      throw new InvalidRecordException(
          List.of("TTL " + ttl + " is not between 0 and " + MAX_TTL + " for " + name));
    }
    List<String> problems = new ArrayList<>();
    List<Record> records = new ArrayList<>(values.size());
    Set<Record> seen = new HashSet<>();
    for (String value : values) {
      try {
        Record record = parse(name.dns(), type, ttl, value);
        if (!seen.add(record)) {
          problems.add("Duplicate Resource Record: '" + value + "'");
        }
        records.add(record);
      } catch (IllegalArgumentException e) {
        problems.add(
            "Invalid Resource Record: 'FATAL problem: "
                + e.getMessage()
                + " encountered with '"
                + value
                + "''");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRecordException(problems);
    }
    return new RecordSet(name, type, ttl, values, records);
  }

  private static Record parse(Name owner, String type, long ttl, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(problem(type, "Value is empty"));
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new IllegalArgumentException(problem(type, "Value is too long"));
    }
    try {
      // Names in values are absolute whether or not they end with a dot, as in Route 53.
      return Record.fromString(owner, Type.value(type), DClass.IN, ttl, value, Name.root);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(problem(type, describe(type, e)));
    }
  }

  private static String problem(String type, String description) {
    String code =
        switch (type) {
          case "A" -> "ARRDATAIllegalIPv4Address";
          case "AAAA" -> "AAAARRDATAIllegalIPv6Address";
          default ->
              description.contains("too long") ? type + "RDATATooLong" : type + "RRDATAIllegal";
        };
    return code + " (" + description + ")";
  }

  private static String describe(String type, Exception e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return switch (type) {
      case "A" -> "Value is not a valid IPv4 address";
      case "AAAA" -> "Value is not a valid IPv6 address";
      // dnsjava's only refusal of a well-quoted character string: more than 255 bytes.
      case "TXT", "SPF" ->
          message.contains("invalid string")
              ? "Value is too long"
              : "Value is not a valid " + type + " record: " + firstLine(message);
      default ->
          message.toLowerCase(Locale.ROOT).contains("too long")
              ? "Value is too long"
              : "Value is not a valid " + type + " record: " + firstLine(message);
    };
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  public DomainName name() {
    return name;
  }

  public String type() {
    return type;
  }

  public long ttl() {
    return ttl;
  }

  /** The values as given, e.g. {@code "v=spf1 -all"} with its quotes. */
  public List<String> values() {
    return values;
  }

  /** The values as DNS records, owned by {@link #name()}. */
  public List<Record> records() {
    return records;
  }

  int dnsType() {
    return Type.value(type);
  }

  /**
   * The same set as far as DNS is concerned: TTL and values, compared as records (so {@code "a"
   * "b"} and {@code "a" "b"} are one value), in any order.
   */
  boolean sameAs(RecordSet other) {
    return ttl == other.ttl
        && new LinkedHashSet<>(records).equals(new LinkedHashSet<>(other.records));
  }

  @Override
  public String toString() {
    return "[name='" + name + "', type='" + type + "']";
  }

  /** Values Route 53 would refuse, each with its message. */
  public static final class InvalidRecordException extends IllegalArgumentException {

    private final List<String> problems;

    InvalidRecordException(List<String> problems) {
      super(String.join(", ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
