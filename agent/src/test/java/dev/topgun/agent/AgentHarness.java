package dev.topgun.agent;

import dev.topgun.agent.TestSamples.MutableClock;
import dev.topgun.agent.api.ApiClient;
import dev.topgun.agent.api.CredentialStore;
import dev.topgun.agent.spool.Spool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;

/** An agent wired to a stub API with a fixed clock and a temporary data directory. */
final class AgentHarness {

  static final Instant T0 = Instant.parse("2026-12-04T04:00:00Z");
  static final Duration INTERVAL = Duration.ofSeconds(30);

  final MutableClock clock = new MutableClock(T0);
  final Path dataDir;
  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final Handler logHandler;
  Spool spool;
  CredentialStore credentials;
  Agent agent;
  volatile RuntimeException samplingFailure;

  AgentHarness(Path dataDir, URI api) {
    this.dataDir = dataDir;
    logHandler = Log.install(new PrintStream(logBytes, true, StandardCharsets.UTF_8), "host-agent");
    start(api);
  }

  /** A new agent process on the same data directory. */
  void start(URI api) {
    spool = new Spool(dataDir, clock, Duration.ofHours(24), 100);
    credentials = new CredentialStore(dataDir);
    agent =
        new Agent(
            new ApiClient(
                api, ApiClient.defaultHttpClient(), Duration.ofSeconds(5), "host-agent/test"),
            credentials,
            spool,
            () -> {
              if (samplingFailure != null) {
                throw samplingFailure;
              }
              return Optional.of(TestSamples.at(clock.instant()));
            },
            AgentHarness::facts,
            clock,
            dataDir,
            INTERVAL);
  }

  static Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("hostname", "web-01");
    facts.put("cores", 2);
    facts.put("memoryTotalMb", 4096);
    return facts;
  }

  /** One interval passes, then the agent works. */
  void tickAfterInterval() {
    clock.advance(INTERVAL);
    agent.tick();
  }

  String log() {
    logHandler.flush();
    return logBytes.toString(StandardCharsets.UTF_8);
  }
}
