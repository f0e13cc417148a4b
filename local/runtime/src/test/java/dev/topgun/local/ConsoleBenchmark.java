package dev.topgun.local;

import dev.topgun.local.RuntimeClient.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The console's budgets (a benchmark, not a test: nothing here asserts a size or a time). Starts a
 * local runtime on free ports with its own data, then runs {@code web/bench/budgets.mjs}, which
 * prints the initial JavaScript's gzipped size and the dashboard's first contentful paint in
 * Debian's Chromium (the median of {@code RUNS} fresh contexts).
 *
 * <p>{@code local/bench/console} runs it.
 */
public final class ConsoleBenchmark {

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("topgun.root", ".")).toAbsolutePath();
    Path data = Files.createTempDirectory("console-bench");
    try (LocalRuntime runtime =
            LocalRuntime.start(LocalConfig.defaults().withFreePorts().withDataDir(data));
        RuntimeClient client = new RuntimeClient(runtime)) {
      Answer rootOrg =
          client.call(
              client.operatorToken(),
              "GET",
              "/v1/organizations/" + runtime.rootOrganizationId(),
              null);
      if (rootOrg.status() != 200) {
        throw new IllegalStateException("the root organization: " + rootOrg.raw());
      }
      ProcessBuilder node =
          new ProcessBuilder("node", root.resolve("web/bench/budgets.mjs").toString())
              .directory(root.resolve("web").toFile())
              .inheritIO();
      node.environment()
          .putAll(
              Map.of(
                  "BENCH_BASE_URL", runtime.endpoint().toString(),
                  "BENCH_EMAIL", runtime.operatorEmail(),
                  "BENCH_PASSWORD", runtime.operatorPassword(),
                  "BENCH_ROOT_NAME", rootOrg.body().path("name").asText()));
      int exit = node.start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("web/bench/budgets.mjs exited with " + exit);
      }
    }
  }
}
