package dev.topgun.emulators.route53;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;
import org.xbill.DNS.WireParseException;

/**
 * A domain name as Route 53 keeps it: lower case, with the trailing dot, and every byte other than
 * {@code a-z}, {@code 0-9}, {@code -} and {@code _} written as a backslash and three octal digits
 * ({@code *.example.com} becomes {@code \052.example.com.}). Route 53 takes names with or without
 * the trailing dot, in any case, with characters or their octal escapes, and gives them back in
 * this one form.
 */
public final class DomainName implements Comparable<DomainName> {

  static final int MAX_LABEL = 63;
  static final int MAX_WIRE_LENGTH = 255;

  private final String text;
  private final Name dns;
  private final String sortKey;
  private final int labels;

  private DomainName(List<byte[]> labels) {
    List<String> texts = new ArrayList<>(labels.size());
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (byte[] label : labels) {
      texts.add(escape(label));
      wire.write(label.length);
      wire.writeBytes(label);
    }
    wire.write(0);
    this.text = texts.isEmpty() ? "." : String.join(".", texts) + ".";
    List<String> reversed = new ArrayList<>(texts);
    Collections.reverse(reversed);
    // Route 53 sorts by this string, the stored text with its labels reversed and the trailing dot
    // kept, so a '-' ending a label sorts before the '.' that ends another (its documentation says
    // so): not the canonical DNS order.
    this.sortKey = reversed.isEmpty() ? "." : String.join(".", reversed) + ".";
    this.labels = labels.size();
    try {
      this.dns = new Name(new DNSInput(wire.toByteArray()));
    } catch (WireParseException e) {
      throw new InvalidNameException("DomainNameTooLong", "Domain name is too long");
    }
  }

  /**
   * Reads a name as Route 53 accepts it.
   *
   * @throws InvalidNameException with Route 53's problem code when the name cannot be a DNS name
   */
  public static DomainName parse(String input) {
    if (input == null || input.isEmpty()) {
      throw new InvalidNameException("DomainNameEmpty", "Domain name is empty");
    }
    if (input.equals(".")) {
      return new DomainName(List.of());
    }
    byte[] utf8 = input.getBytes(StandardCharsets.UTF_8);
    List<byte[]> labels = new ArrayList<>();
    ByteArrayOutputStream label = new ByteArrayOutputStream();
    int wireLength = 1;
    for (int i = 0; i < utf8.length; i++) {
      int b = utf8[i] & 0xff;
      if (b == '.') {
        if (label.size() == 0) {
          throw new InvalidNameException("DomainLabelEmpty", "Domain label is empty");
        }
        wireLength += label.size() + 1;
        labels.add(label.toByteArray());
        label.reset();
        continue;
      }
      if (b == '\\') {
        if (isOctal(utf8, i + 1)) {
          b = (utf8[i + 1] - '0') * 64 + (utf8[i + 2] - '0') * 8 + (utf8[i + 3] - '0');
          if (b > 0xff) {
            throw new InvalidNameException("InvalidEscape", "Escape code is out of range");
          }
          i += 3;
        } else if (i + 1 < utf8.length) {
          i++;
          b = utf8[i] & 0xff;
        } else {
          throw new InvalidNameException("InvalidEscape", "Escape code is incomplete");
        }
      }
      if (b >= 'A' && b <= 'Z') {
        b += 'a' - 'A';
      }
      label.write(b);
      if (label.size() > MAX_LABEL) {
        throw new InvalidNameException("DomainLabelTooLong", "Domain label is too long");
      }
    }
    if (label.size() > 0) {
      wireLength += label.size() + 1;
      labels.add(label.toByteArray());
    }
    if (wireLength > MAX_WIRE_LENGTH) {
      throw new InvalidNameException("DomainNameTooLong", "Domain name is too long");
    }
    return new DomainName(labels);
  }

  /** The name dnsjava reads off a query, in Route 53's form. */
  public static DomainName of(Name name) {
    List<byte[]> labels = new ArrayList<>();
    for (int i = 0; i < name.labels() - 1; i++) {
      byte[] label = name.getLabel(i);
      byte[] bytes = new byte[label[0] & 0xff];
      System.arraycopy(label, 1, bytes, 0, bytes.length);
      for (int j = 0; j < bytes.length; j++) {
        if (bytes[j] >= 'A' && bytes[j] <= 'Z') {
          bytes[j] += 'a' - 'A';
        }
      }
      labels.add(bytes);
    }
    return new DomainName(labels);
  }

  private static boolean isOctal(byte[] bytes, int from) {
    for (int i = from; i < from + 3; i++) {
      if (i >= bytes.length || bytes[i] < '0' || bytes[i] > '7') {
        return false;
      }
    }
    return true;
  }

  private static String escape(byte[] label) {
    StringBuilder out = new StringBuilder(label.length);
    for (byte value : label) {
      int b = value & 0xff;
      if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_') {
        out.append((char) b);
      } else {
        out.append('\\').append(String.format("%03o", b));
      }
    }
    return out.toString();
  }

  /** Route 53's form, e.g. {@code \052.example.com.}. */
  public String text() {
    return text;
  }

  /** The same name for dnsjava (lower case). */
  public Name dns() {
    return dns;
  }

  /** The labels reversed, as Route 53 sorts names: {@code com.example.www.}. */
  String sortKey() {
    return sortKey;
  }

  int labels() {
    return labels;
  }

  /** The first label is {@code *}: a wildcard name. */
  public boolean isWildcard() {
    return dns.isWild();
  }

  /** This name is {@code zone} or below it. */
  public boolean within(DomainName zone) {
    return dns.subdomain(zone.dns);
  }

  @Override
  public int compareTo(DomainName other) {
    return sortKey.compareTo(other.sortKey);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DomainName name && text.equals(name.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  /** A name Route 53 refuses, with its problem code ({@code DomainLabelTooLong}, ...). */
  public static final class InvalidNameException extends IllegalArgumentException {

    private final String code;

    InvalidNameException(String code, String description) {
      super(description);
      this.code = code;
    }

    /**
     * Route 53's words: {@code FATAL problem: <code> (<description>) encountered with '<name>'}.
     */
    public String problem(String name) {
      return "FATAL problem: " + code + " (" + getMessage() + ") encountered with '" + name + "'";
    }
  }
}
