package dev.topgun.shared.branding;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which request hosts belong to a brand that hides its origin: through such a host nothing may name
 * the platform (error types among it). Looked up through {@link BrandManifests} and remembered for
 * a minute per host, so an error path costs at most one lookup a minute.
 */
@Singleton
public class HiddenOrigins {

  private static final Duration REMEMBERED = Duration.ofMinutes(1);
  private static final int MAX_HOSTS = 10_000;

  private final BrandManifests manifests;
  private final Clock clock;
  private final Map<String, Remembered> hosts = new ConcurrentHashMap<>();

  public HiddenOrigins(BrandManifests manifests, Clock clock) {
    this.manifests = manifests;
    this.clock = clock;
  }

  private record Remembered(boolean hides, Instant until) {}

  /** Whether {@code host} (a Host header: a port and upper case allowed) hides the origin. */
  public boolean hides(String host) {
    String name = hostname(host);
    if (name == null) {
      return false;
    }
    Instant now = clock.instant();
    Remembered known = hosts.get(name);
    if (known != null && known.until().isAfter(now)) {
      return known.hides();
    }
    boolean hides = manifests.forHost(name).map(BrandManifest::hideOriginBranding).orElse(false);
    if (hosts.size() >= MAX_HOSTS) {
      hosts.clear();
    }
    hosts.put(name, new Remembered(hides, now.plus(REMEMBERED)));
    return hides;
  }

  /**
   * The host a request was made to, as the edge saw it: the first of {@code X-Forwarded-Host}
   * (CloudFront's, the edge's own name for it) when there is one, else {@code Host}; raw, as sent.
   */
  public static String requestHost(String forwardedHost, String host) {
    if (forwardedHost != null && !forwardedHost.isBlank()) {
      return forwardedHost.split(",")[0];
    }
    return host;
  }

  /** A Host header as a hostname, or null when it is no DNS name (an address, empty). */
  public static String hostname(String host) {
    if (host == null || host.isBlank() || host.strip().startsWith("[")) {
      return null;
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
    int colon = h.indexOf(':');
    if (colon >= 0) {
      h = h.substring(0, colon);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+") && !h.matches("[0-9.]+") ? h : null;
  }
}
