package dev.topgun.shared.http;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Request limits every function applies the same way on API Gateway and on the HTTP server. */
@Singleton
public class HttpLimits {

  private final long maxBodyBytes;

  public HttpLimits(@Value("${topgun.http.max-body-bytes:1048576}") long maxBodyBytes) {
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("topgun.http.max-body-bytes must be positive");
    }
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The largest request body accepted, in bytes ({@code topgun.http.max-body-bytes}). */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }
}
