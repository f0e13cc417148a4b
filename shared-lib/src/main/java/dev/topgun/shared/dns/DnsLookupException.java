package dev.topgun.shared.dns;

/**
 * A look-up that gave no records: {@link DnsNameNotFoundException} (the name does not exist),
 * {@link DnsNoDataException} (it exists, without records of the type), or {@link
 * DnsLookupFailedException} (no answer could be had).
 */
public abstract sealed class DnsLookupException extends RuntimeException
    permits DnsNameNotFoundException, DnsNoDataException, DnsLookupFailedException {

  private final String name;
  private final DnsRecordType type;

  DnsLookupException(String name, DnsRecordType type, String message, Throwable cause) {
    super(message, cause);
    this.name = name;
    this.type = type;
  }

  /** The name that was looked up. */
  public String name() {
    return name;
  }

  public DnsRecordType type() {
    return type;
  }
}
