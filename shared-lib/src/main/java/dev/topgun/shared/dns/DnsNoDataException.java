package dev.topgun.shared.dns;

/** The name exists but has no records of the type (NOERROR without an answer: NODATA). */
public final class DnsNoDataException extends DnsLookupException {

  DnsNoDataException(String name, DnsRecordType type) {
    super(name, type, name + " has no " + type + " records", null);
  }
}
