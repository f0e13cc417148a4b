package dev.topgun.shared.http.idempotency;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Settings under {@code topgun.idempotency}. */
@ConfigurationProperties("topgun.idempotency")
public class IdempotencyConfiguration {

  private boolean enabled = true;
  private Duration ttl = Duration.ofHours(24);
  private Duration lockTimeout = Duration.ofSeconds(60);

  /** Whether the filter answers Idempotency-Key at all (default true). */
  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** How long a key is remembered (default 24 h); after that it may be used afresh. */
  public Duration getTtl() {
    return ttl;
  }

  public void setTtl(Duration ttl) {
    this.ttl = ttl;
  }

  /**
   * How long a request may hold a key in progress before another may take it over (default 60 s,
   * above the API Gateway integration timeout of 29 s): a function that died mid-request must not
   * block the key for the whole TTL.
   */
  public Duration getLockTimeout() {
    return lockTimeout;
  }

  public void setLockTimeout(Duration lockTimeout) {
    this.lockTimeout = lockTimeout;
  }
}
