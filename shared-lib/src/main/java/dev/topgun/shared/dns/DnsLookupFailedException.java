package dev.topgun.shared.dns;

/**
 * No answer could be had: a timeout, a network error, or the server's refusal ({@code SERVFAIL},
 * {@code REFUSED}, ...). Unlike the other two, trying again later may give records.
 */
public final class DnsLookupFailedException extends DnsLookupException {

  DnsLookupFailedException(String name, DnsRecordType type, String reason, Throwable cause) {
    super(name, type, "looking up " + type + " " + name + " failed: " + reason, cause);
  }
}
