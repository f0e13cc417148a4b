package dev.topgun.shared.dns;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import org.xbill.DNS.SimpleResolver;

/**
 * The {@link DnsResolver} bean: {@code topgun.dns.resolver} ({@code host:port}; the local runtime
 * sets its name server) or, unset, the system's resolvers; {@code topgun.dns.timeout} per query
 * ({@code 3s}). Only functions that declare {@code dnsjava:dnsjava} have it: shared-lib declares
 * dnsjava optional, as it does the KMS SDK.
 */
@Factory
@Requires(classes = SimpleResolver.class)
public class DnsResolvers {

  /** A new resolver each time (not built at start-up); its user keeps the one it took. */
  @Prototype
  public DnsResolver dnsResolver(
      @Value("${topgun.dns.resolver:}") @Nullable String server,
      @Value("${topgun.dns.timeout:3s}") Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("topgun.dns.timeout must be positive: " + timeout);
    }
    return server == null || server.isBlank()
        ? DnsResolver.system(timeout)
        : DnsResolver.of(server, timeout);
  }
}
