package dev.topgun.shared.dns;

/** The name does not exist (NXDOMAIN), or a CNAME it has points at a name that does not. */
public final class DnsNameNotFoundException extends DnsLookupException {

  DnsNameNotFoundException(String name, DnsRecordType type, String missing) {
    super(
        name,
        type,
        missing.equals(name)
            ? name + " does not exist (NXDOMAIN)"
            : name + " leads by CNAME to " + missing + ", which does not exist (NXDOMAIN)",
        null);
  }
}
