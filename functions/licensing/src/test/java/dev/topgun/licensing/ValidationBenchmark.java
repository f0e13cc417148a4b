package dev.topgun.licensing;

import dev.topgun.licensing.offline.OfflineVerifier;
import dev.topgun.shared.testing.LambdaApi;
import dev.topgun.shared.testing.Latencies;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * License validation, as a benchmark (run by {@code local/bench/licensing}; not a test, nothing
 * here asserts a time):
 *
 * <ul>
 *   <li>the offline path — {@link OfflineVerifier#verify}: Ed25519 signature, payload, expiry and
 *       domain of a signed document, as a self-hosted instance runs it — in verifications per
 *       second on one thread and on every processor;
 *   <li>{@code POST /v1/licenses/validate} through the licensing function's Lambda handler
 *       in-process (an API Gateway proxy event; the key lookup, the license and the pool's usage
 *       read from the local DynamoDB emulator, strongly consistent): p50/p90/p99/max, one call at a
 *       time.
 * </ul>
 */
public final class ValidationBenchmark {

  public static void main(String[] args) throws Exception {
    int samples = Integer.getInteger("bench.samples", 1000);
    int warmup = Integer.getInteger("bench.warmup", 300);
    int offline = Integer.getInteger("bench.offline", 20000);
    try (LicensingApi api = new LicensingApi()) {
      String reseller = api.org(api.root, "master_branch", LambdaApi.User.named("bench-reseller"));
      LambdaApi.Response issued =
          api.call(
              LicensingApi.OPERATOR,
              "POST",
              "/v1/organizations/" + reseller + "/licenses",
              "{\"licenseType\":\"subscription\",\"tier\":\"enterprise\","
                  + "\"features\":[\"white_label\",\"api_access\"],"
                  + "\"limits\":{\"max_servers\":100,\"max_users\":50},"
                  + "\"authorizedDomains\":[\"panel.bench.example\",\"*.bench.example\"],"
                  + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
      if (issued.status() != 201) {
        throw new IllegalStateException("issue -> " + issued.status() + " " + issued.raw());
      }
      String key = (String) issued.body().get("key");
      String document =
          api.call(LicensingApi.OPERATOR, "GET", "/v1/licenses/" + issued.id() + "/document", null)
              .raw();
      String jwks = api.call(null, "GET", "/v1/licensing/keys", null).raw();
      OfflineVerifier verifier =
          OfflineVerifier.fromJwks(jwks, api.context.getBean(JsonMapper.class));
      Instant now = Instant.now();
      String body = "{\"key\":\"" + key + "\",\"domain\":\"shop.bench.example\"}";

      List<Latencies.Result> results = new ArrayList<>();
      results.add(
          Latencies.measure(
              "offline OfflineVerifier.verify (Ed25519 + payload + expiry + domain), 1 thread",
              offline,
              offline / 4,
              () -> verifier.verify(document, "shop.bench.example", now).valid() ? 1 : fail()));
      results.add(
          Latencies.measure(
              "POST /v1/licenses/validate in-process (Lambda handler, valid key + domain)",
              samples,
              warmup,
              () -> {
                LambdaApi.Response answer = api.call(null, "POST", "/v1/licenses/validate", body);
                return answer.status() == 200 && Boolean.TRUE.equals(answer.body().get("valid"))
                    ? 1
                    : fail();
              }));
      String unknown = "{\"key\":\"TG-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA\",\"domain\":\"a.example\"}";
      results.add(
          Latencies.measure(
              "POST /v1/licenses/validate in-process (unknown key -> not_found)",
              samples,
              warmup,
              () ->
                  api.call(null, "POST", "/v1/licenses/validate", unknown).status() == 200
                      ? 1
                      : fail()));

      int threads = Runtime.getRuntime().availableProcessors();
      double parallel = parallelRate(verifier, document, now, threads, offline);

      System.out.println();
      Latencies.printHeader();
      results.forEach(Latencies.Result::print);
      System.out.printf(
          Locale.ROOT, "%noffline verifications/s on %d threads: %.0f%n", threads, parallel);
      System.out.printf(
          Locale.ROOT,
          "Java %s, %d processors; DynamoDB is the local emulator.%n",
          System.getProperty("java.version"),
          threads);
    }
    System.exit(0);
  }

  private static double parallelRate(
      OfflineVerifier verifier, String document, Instant now, int threads, int perThread)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  int ok = 0;
                  for (int i = 0; i < perThread; i++) {
                    ok += verifier.verify(document, "shop.bench.example", now).valid() ? 1 : 0;
                  }
                  return ok;
                }));
      }
      int ok = 0;
      for (Future<Integer> f : done) {
        ok += f.get();
      }
      return ok / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static int fail() {
    throw new IllegalStateException("a validation the benchmark expects valid was not");
  }
}
