package dev.topgun.shared.http.idempotency;

import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ProblemType;
import dev.topgun.shared.store.Keys;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the {@code Idempotency-Key} request header on POST, PUT, PATCH and DELETE: the first
 * request with a key runs and its response is kept for 24 h; a retry of the same request gets that
 * response again (with {@code Idempotent-Replayed: true}) without running anything; the same key
 * with a different request is refused (422), and so is a retry while the first is still running
 * (409). A first attempt that fails on our side (5xx, or 429) releases the key, so the client's
 * retry runs afresh.
 *
 * <p>A filter rather than an interceptor on controller methods because what must be replayed is the
 * HTTP response, status and headers included, after every error mapping has happened.
 */
// Mutating methods only, declared here rather than tested in the methods: a read then never binds
// its body or hops to the blocking executor for nothing (a cold start's first GET pays for both).
@ServerFilter(
    value = ServerFilter.MATCH_ALL_PATTERN,
    methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
@Requires(property = "topgun.idempotency.enabled", notEquals = "false")
public class IdempotencyFilter implements Ordered {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";
  public static final int MAX_KEY_LENGTH = 255;

  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);
  private static final String CLAIM_ATTRIBUTE = "topgun.idempotency.claim";

  /** Headers about this one transmission, not about the result; the replay sets its own. */
  private static final Set<String> NOT_KEPT =
      Set.of(
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "date",
          "set-cookie",
          "x-correlation-id",
          REPLAYED_HEADER.toLowerCase(Locale.ROOT));

  // A provider, so that building the filter chain at start-up does not also build the DynamoDB
  // client: a function that never sees a mutating request never pays for it here.
  private final BeanProvider<IdempotencyStore> store;
  private final IdempotencyCaller caller;
  private final JsonMapper jsonMapper;

  public IdempotencyFilter(
      BeanProvider<IdempotencyStore> store, IdempotencyCaller caller, JsonMapper jsonMapper) {
    this.store = store;
    this.caller = caller;
    this.jsonMapper = jsonMapper;
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  public HttpResponse<?> claim(HttpRequest<?> request, @Body byte[] body) {
    Optional<String> header = request.getHeaders().getFirst(HEADER);
    if (header.isEmpty() || RouteAttributes.getRouteMatch(request).isEmpty()) {
      return null; // no key, or no route: nothing would run, so nothing needs guarding
    }
    String key = parseKey(header.get());
    String path = request.getUri().getRawPath();
    String query = request.getUri().getRawQuery();
    String fingerprint =
        Fingerprints.request(
            request.getMethodName(),
            query == null ? path : path + "?" + query,
            body == null ? new byte[0] : body);
    String scope = scope(caller.of(request), request.getMethodName(), path);
    String pk = Keys.idempotency(scope, escape(key));

    IdempotencyStore.Claim claim =
        store.get().claim(pk, fingerprint, request.getMethodName(), scope);
    if (claim instanceof IdempotencyStore.Claim.Claimed claimed) {
      request.setAttribute(CLAIM_ATTRIBUTE, claimed);
      return null;
    }
    if (claim instanceof IdempotencyStore.Claim.Replay replay) {
      return replay(replay.response());
    }
    if (claim instanceof IdempotencyStore.Claim.Mismatch) {
      throw new ProblemException(
          ProblemType.IDEMPOTENCY_KEY_REUSED,
          "This Idempotency-Key was used for a different request (method, path or body)."
              + " Use a new key for a new request.");
    }
    throw new ProblemException(
        ProblemType.IDEMPOTENCY_IN_PROGRESS,
        "The first request with this Idempotency-Key has not finished. Retry later.");
  }

  @ResponseFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  public void complete(HttpRequest<?> request, MutableHttpResponse<?> response) {
    Optional<IdempotencyStore.Claim.Claimed> claim =
        request.removeAttribute(CLAIM_ATTRIBUTE, IdempotencyStore.Claim.Claimed.class);
    if (claim.isEmpty()) {
      return;
    }
    int status = response.code();
    try {
      if (status >= 500 || status == 429) {
        store.get().release(claim.get());
        return;
      }
      byte[] body = freezeBody(response);
      store.get().complete(claim.get(), new StoredResponse(status, keptHeaders(response), body));
    } catch (RuntimeException e) {
      // The request itself has run; failing its response now would invite a duplicate retry.
      LOG.error("Could not record the response to idempotent request {}", claim.get().pk(), e);
    }
  }

  /**
   * Serialises the body once, and answers exactly those bytes, so that the first response and every
   * replay are byte for byte the same.
   */
  @SuppressWarnings("unchecked")
  @Nullable
  private byte[] freezeBody(MutableHttpResponse<?> response) {
    Object body = response.getBody().orElse(null);
    if (body == null) {
      return null;
    }
    byte[] bytes;
    if (body instanceof byte[] b) {
      bytes = b;
    } else if (body instanceof CharSequence text) {
      bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    } else if (body instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      bytes = new byte[copy.remaining()];
      copy.get(bytes);
    } else if (body instanceof Publisher<?>) {
      return null; // a stream cannot be kept; status and headers still are
    } else {
      try {
        bytes = jsonMapper.writeValueAsBytes(body);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot serialise the response body to JSON", e);
      }
    }
    MediaType contentType =
        response
            .getContentType()
            .or(() -> producedBy(response))
            .orElse(MediaType.APPLICATION_JSON_TYPE);
    ((MutableHttpResponse<Object>) response).body(bytes).contentType(contentType);
    return bytes;
  }

  private static Optional<MediaType> producedBy(MutableHttpResponse<?> response) {
    return RouteAttributes.getRouteInfo(response)
        .flatMap(r -> r.getProduces().stream().findFirst());
  }

  private static Map<String, List<String>> keptHeaders(MutableHttpResponse<?> response) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    response
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_KEPT.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name, List.copyOf(values));
              }
            });
    return kept;
  }

  private static HttpResponse<?> replay(StoredResponse stored) {
    MutableHttpResponse<Object> response = HttpResponse.status(stored.status(), null);
    stored.headers().forEach((name, values) -> values.forEach(v -> response.header(name, v)));
    response.header(REPLAYED_HEADER, "true");
    if (stored.body() != null) {
      response.body(stored.body());
    }
    return response;
  }

  /**
   * The key as sent: 1 to {@value #MAX_KEY_LENGTH} printable ASCII characters. The IETF draft sends
   * it as a structured-field string ({@code "abc"}); plain tokens are accepted too.
   */
  static String parseKey(String header) {
    String key = header;
    if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
      key = key.substring(1, key.length() - 1);
    }
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new ProblemException(
          ProblemType.IDEMPOTENCY_KEY_INVALID,
          "An Idempotency-Key has 1 to " + MAX_KEY_LENGTH + " characters.");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new ProblemException(
            ProblemType.IDEMPOTENCY_KEY_INVALID,
            "An Idempotency-Key has only printable ASCII characters.");
      }
    }
    return key;
  }

  /**
   * {@code <caller>:<METHOD>:<sha256(path), 32 hex>}: the path is hashed because a path can carry a
   * capability ({@code /v1/invitations/{token}/accept}) that must not sit in the table for a day.
   */
  static String scope(String caller, String method, String path) {
    return escape(caller) + ":" + method + ":" + Fingerprints.sha256Hex(path).substring(0, 32);
  }

  /** Keeps '#' (the key separator) out of key parts, reversibly. */
  static String escape(String part) {
    return part.replace("%", "%25").replace("#", "%23");
  }

  @Override
  public int getOrder() {
    // After authentication, so that the caller is known and keys are scoped to it.
    return ServerFilterPhase.SECURITY.after();
  }
}
