package dev.topgun.branding.api;

import dev.topgun.branding.domain.BrandingService;
import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.branding.HiddenOrigins;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public face of brands, no sign-in: which brand a host gets (the manifest the console boots
 * with), the stylesheets and the assets — immutable by URL, so cached for a year.
 */
@Controller("/v1/branding")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PublicBrandingController {

  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String STAND_IN = "public, max-age=60, must-revalidate";
  private static final Pattern CSS_FILE = Pattern.compile("([0-9a-f]{32})\\.css");

  private final BrandingService brands;

  PublicBrandingController(BrandingService brands) {
    this.brands = brands;
  }

  /** The brand of {@code host}, else of the request's own host; the default for unknown hosts. */
  @Get("/resolve")
  public HttpResponse<BrandManifest> resolve(
      HttpRequest<?> request, @Nullable @QueryValue String host) {
    String asked = host != null && !host.isBlank() ? host : requestHost(request);
    return HttpResponse.ok(brands.resolve(hostname(asked)))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header(HttpHeaders.VARY, "Host, X-Forwarded-Host");
  }

  @Get("/css/{file}")
  public HttpResponse<?> css(HttpRequest<?> request, @PathVariable String file) {
    var matched = CSS_FILE.matcher(file);
    if (!matched.matches()) {
      return HttpResponse.notFound();
    }
    String hash = matched.group(1);
    String etag = "\"" + hash + "\"";
    if (etag.equals(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH))) {
      return HttpResponse.notModified().header(HttpHeaders.ETAG, etag);
    }
    Optional<byte[]> css = brands.css(hash);
    if (css.isEmpty()) {
      return stylesheet(brands.defaultStylesheet(), STAND_IN, null);
    }
    return stylesheet(css.get(), IMMUTABLE, etag);
  }

  @Get("/assets/{owner}/{file}")
  public HttpResponse<?> asset(
      HttpRequest<?> request, @PathVariable String owner, @PathVariable String file) {
    Optional<BrandingService.ServedAsset> served = brands.asset(owner, file);
    if (served.isEmpty()) {
      return HttpResponse.notFound();
    }
    BrandingService.ServedAsset asset = served.get();
    MutableHttpResponse<byte[]> response =
        HttpResponse.ok(asset.asset().bytes())
            .contentType(asset.asset().mediaType())
            .header(HttpHeaders.CACHE_CONTROL, asset.exact() ? IMMUTABLE : STAND_IN)
            .header("X-Content-Type-Options", "nosniff")
            .header(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    if (asset.exact()) {
      response.header(HttpHeaders.ETAG, "\"" + file + "\"");
    }
    return response;
  }

  private static MutableHttpResponse<byte[]> stylesheet(byte[] css, String cache, String etag) {
    MutableHttpResponse<byte[]> response =
        HttpResponse.ok(css)
            .contentType("text/css; charset=utf-8")
            .header(HttpHeaders.CACHE_CONTROL, cache)
            .header("X-Content-Type-Options", "nosniff");
    if (etag != null) {
      response.header(HttpHeaders.ETAG, etag);
    }
    return response;
  }

  /** The host the request was made to, as the edge saw it. */
  static String requestHost(HttpRequest<?> request) {
    return HiddenOrigins.requestHost(
        request.getHeaders().get("X-Forwarded-Host"), request.getHeaders().get(HttpHeaders.HOST));
  }

  /** A host header or parameter as a hostname: no port, no trailing dot, lower case, ASCII. */
  static String hostname(String host) {
    if (host == null) {
      return null;
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      return null;
    }
    int colon = h.indexOf(':');
    if (colon >= 0) {
      h = h.substring(0, colon);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    try {
      h = java.net.IDN.toASCII(h).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return h.isEmpty() || h.length() > 253 || !h.matches("[a-z0-9.-]+") ? null : h;
  }
}
