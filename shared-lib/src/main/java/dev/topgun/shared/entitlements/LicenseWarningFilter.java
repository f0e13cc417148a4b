package dev.topgun.shared.entitlements;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Instant;

/**
 * Adds {@code Warning: 299 topgun "…"} (RFC 9111's miscellaneous persistent warning) and {@code
 * Topgun-License-Grace-Ends} to answers of licensed features while the license is in its grace
 * period ({@link FeatureGate}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class LicenseWarningFilter {

  public static final String GRACE_HEADER = "Topgun-License-Grace-Ends";

  @ResponseFilter
  public void warn(HttpRequest<?> request, MutableHttpResponse<?> response) {
    request
        .getAttribute(FeatureGate.GRACE_ENDS, Instant.class)
        .ifPresent(
            ends -> {
              response
                  .getHeaders()
                  .add(
                      "Warning",
                      "299 topgun \"The license expired and is in its grace period until "
                          + ends
                          + "; licensed features become read-only then.\"");
              response.getHeaders().add(GRACE_HEADER, ends.toString());
            });
  }
}
