package dev.topgun.shared.dns;

/** The record types functions look up: verification tokens, custom-domain targets, addresses. */
public enum DnsRecordType {
  A(1),
  AAAA(28),
  CNAME(5),
  TXT(16);

  private final int code;

  DnsRecordType(int code) {
    this.code = code;
  }

  /** The type's number on the wire (RFC 1035, RFC 3596). */
  public int code() {
    return code;
  }
}
