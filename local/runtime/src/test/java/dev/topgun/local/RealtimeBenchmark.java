package dev.topgun.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.local.RuntimeClient.Answer;
import dev.topgun.local.RuntimeClient.User;
import dev.topgun.shared.testing.Latencies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long a committed change takes to reach a subscribed console (a benchmark, not a test: nothing
 * here asserts a time). Starts a local runtime on free ports, signs a member up, connects it to
 * {@code /v1/realtime} and subscribes it to its organization; then, one at a time, renames the
 * organization through the API and waits for the pushed notice. A change's latency runs from the
 * moment the API answered (the change committed) to the notice's arrival: the outbox item on the
 * table's stream, the relay's poll and PutEvents, the bus's delivery to platform, the subscriber
 * check through the one check point, and {@code @connections}.
 *
 * <p>{@code local/bench/realtime} runs it ({@code CHANGES=100 WARMUP=10}).
 */
public final class RealtimeBenchmark {

  public static void main(String[] args) throws Exception {
    int changes = Integer.getInteger("bench.changes", 100);
    int warmup = Integer.getInteger("bench.warmup", 10);
    Path data = Files.createTempDirectory("realtime-bench");
    try (LocalRuntime runtime =
            LocalRuntime.start(LocalConfig.defaults().withFreePorts().withDataDir(data));
        RuntimeClient client = new RuntimeClient(runtime)) {
      String operator = client.operatorToken();
      User member = client.signUp("bench-member");
      String org =
          client.organizationWith(operator, runtime.rootOrganizationId(), member, "member");
      try (RealtimeClient live = RealtimeClient.connect(runtime, member.token())) {
        live.subscribe(org);
        live.await(m -> "subscribed".equals(m.path("type").asText()), Duration.ofSeconds(30));
        long[] fromCommit = new long[changes];
        long[] fromRequest = new long[changes];
        long started = System.nanoTime();
        for (int i = -warmup; i < changes; i++) {
          long sent = System.nanoTime();
          Answer renamed =
              client.call(
                  operator, "PATCH", "/v1/organizations/" + org, "{\"name\":\"Bench " + i + "\"}");
          long committed = System.nanoTime();
          if (renamed.status() != 200) {
            throw new IllegalStateException("rename failed: " + renamed.raw());
          }
          int seen = i + warmup + 1;
          var notices = live.awaitCount(RealtimeBenchmark::isUpdate, seen, Duration.ofSeconds(30));
          if (notices.size() < seen) {
            throw new IllegalStateException("notice " + seen + " never came");
          }
          long arrived = notices.get(seen - 1).arrivedNanos();
          if (i >= 0) {
            fromCommit[i] = arrived - committed;
            fromRequest[i] = arrived - sent;
          }
        }
        long total = System.nanoTime() - started;
        Arrays.sort(fromCommit);
        Arrays.sort(fromRequest);
        System.out.printf(
            Locale.ROOT,
            "%d changes of one organization, one at a time, after %d unmeasured%n",
            changes,
            warmup);
        Latencies.printHeader();
        new Latencies.Result(
                "committed change -> notice on the subscriber's WebSocket", fromCommit, total)
            .print();
        new Latencies.Result(
                "PATCH sent -> notice on the subscriber's WebSocket", fromRequest, total)
            .print();
      }
    }
  }

  private static boolean isUpdate(JsonNode message) {
    return "event".equals(message.path("type").asText())
        && "OrganizationUpdated".equals(message.path("eventType").asText());
  }
}
