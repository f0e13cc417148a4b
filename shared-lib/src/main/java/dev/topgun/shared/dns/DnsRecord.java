package dev.topgun.shared.dns;

/**
 * One record of an answer, in plain form.
 *
 * @param name the owner, lower case, without the trailing dot ({@code _verify.example.com})
 * @param ttl seconds the answer may be kept
 * @param value {@code A}: {@code 192.0.2.1}; {@code AAAA}: {@code 2001:db8:0:0:0:0:0:1}; {@code
 *     CNAME}: the target without the trailing dot; {@code TXT}: the record's character strings
 *     joined, as a verification token or SPF policy is read (RFC 7208 3.3)
 */
public record DnsRecord(String name, DnsRecordType type, long ttl, String value) {}
