package dev.topgun.shared.http.idempotency;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * The first response to an idempotent request, as it is replayed.
 *
 * @param body {@code null} when the response had none, or was too large to keep (then only status
 *     and headers are replayed, and the operation is still not repeated)
 */
public record StoredResponse(int status, Map<String, List<String>> headers, @Nullable byte[] body) {

  public StoredResponse {
    headers = Map.copyOf(headers);
  }
}
