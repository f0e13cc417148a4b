package dev.topgun.shared.http.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {

  /** Clients switch on these URIs: this list changes only by additions (README, "Errors"). */
  @Test
  void typeUrisAndStatusesAreTheDocumentedOnes() {
    Map<String, Integer> documented = new LinkedHashMap<>();
    documented.put("validation", 400);
    documented.put("malformed-json", 400);
    documented.put("missing-body", 400);
    documented.put("invalid-parameter", 400);
    documented.put("invalid-cursor", 400);
    documented.put("idempotency-key-invalid", 400);
    documented.put("bad-request", 400);
    documented.put("unauthorized", 401);
    documented.put("forbidden", 403);
    documented.put("not-found", 404);
    documented.put("method-not-allowed", 405);
    documented.put("not-acceptable", 406);
    documented.put("conflict", 409);
    documented.put("version-conflict", 409);
    documented.put("limit-exceeded", 409);
    documented.put("idempotency-in-progress", 409);
    documented.put("gone", 410);
    documented.put("precondition-failed", 412);
    documented.put("payload-too-large", 413);
    documented.put("unsupported-media-type", 415);
    documented.put("idempotency-key-reused", 422);
    documented.put("too-many-requests", 429);
    documented.put("internal", 500);
    documented.put("service-unavailable", 503);

    Map<String, Integer> actual =
        Arrays.stream(ProblemType.values())
            .collect(
                Collectors.toMap(
                    t -> t.uri().toString().substring(ProblemType.BASE.length()),
                    ProblemType::status,
                    (a, b) -> a,
                    LinkedHashMap::new));

    assertThat(actual).containsExactlyEntriesOf(documented);
    assertThat(ProblemType.BASE).isEqualTo("https://topgun.dev/problems/");
  }

  @Test
  void aBareStatusMapsToItsGenericType() {
    assertThat(ProblemType.forStatus(404)).contains(ProblemType.NOT_FOUND);
    assertThat(ProblemType.forStatus(409)).contains(ProblemType.CONFLICT);
    assertThat(ProblemType.forStatus(400)).contains(ProblemType.BAD_REQUEST);
    assertThat(ProblemType.forStatus(418)).isEmpty();
  }
}
