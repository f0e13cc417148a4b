package dev.topgun.agent;

import dev.topgun.agent.api.ApiClient;
import dev.topgun.agent.api.ApiException;
import dev.topgun.agent.api.CredentialStore;
import dev.topgun.agent.api.Credentials;
import dev.topgun.agent.docker.DockerClient;
import dev.topgun.agent.sample.FactsCollector;
import dev.topgun.agent.sample.ProcSampler;
import dev.topgun.agent.spool.Spool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** {@code java -jar topgun-agent.jar --api <url> --token <token> [...]}: wires and runs. */
public final class Main {

  private static final Logger LOG = Logger.getLogger("agent");
  static final int EXIT_BAD_USAGE = 2;
  static final int EXIT_REVOKED = 3;
  static final Duration SPOOL_RETENTION = Duration.ofHours(24);
  static final int BATCH_SIZE = 100;
  static final long MIN_POLL_SPACING_MS = 2000;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args));
  }

  static int run(String[] args) throws InterruptedException {
    Config config;
    try {
      config = Config.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Config.USAGE);
      return EXIT_BAD_USAGE;
    }
    Log.toStdout(config.name());
    Path dataDir = config.dataDir();
    try {
      Files.createDirectories(
          dataDir,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      LOG.severe("cannot create the data directory " + dataDir + ": " + e.getMessage());
      return EXIT_BAD_USAGE;
    }
    Clock clock = Clock.systemUTC();
    ProcSampler sampler = ProcSampler.forThisHost();
    DockerClient docker = DockerClient.atDefaultSocket();
    FactsCollector facts =
        new FactsCollector(
            Path.of("/proc"),
            Path.of("/etc/os-release"),
            sampler,
            FactsCollector::interfaceAddresses,
            docker::version,
            version());
    ApiClient api =
        new ApiClient(
            config.api(),
            ApiClient.defaultHttpClient(),
            Duration.ofSeconds(30),
            config.name() + "/" + version());
    Agent agent =
        new Agent(
            api,
            new CredentialStore(dataDir),
            new Spool(dataDir, clock, SPOOL_RETENTION, BATCH_SIZE),
            () -> sampler.sample().map(s -> s.withContainers(docker.containers())),
            facts::collect,
            clock,
            dataDir,
            Duration.ofSeconds(config.intervalSeconds().orElse(Config.DEFAULT_INTERVAL)));

    Credentials credentials = enrol(agent, config.token());
    if (credentials == null) {
      return EXIT_BAD_USAGE;
    }
    int interval = config.effectiveInterval(credentials.intervalSeconds());
    agent.useInterval(Duration.ofSeconds(interval));
    LOG.info("server " + credentials.serverId() + ": sampling every " + interval + " s");

    sampler.prime();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sampler"));
    ticker.scheduleAtFixedRate(
        () -> {
          try {
            agent.tick();
          } catch (RuntimeException e) {
            LOG.warning("sampling failed: " + e);
          }
        },
        interval,
        interval,
        TimeUnit.SECONDS);
    Thread commands = new Thread(() -> pollForever(agent), "commands");
    commands.setDaemon(true);
    commands.start();

    Agent.Stop why = agent.awaitStop();
    ticker.shutdownNow();
    return why == Agent.Stop.REVOKED ? EXIT_REVOKED : 0;
  }

  /** Enrols (or loads the stored credentials), retrying while the API cannot answer. */
  private static Credentials enrol(Agent agent, String token) throws InterruptedException {
    Duration wait = Duration.ofSeconds(5);
    while (true) {
      try {
        return agent.enrol(token);
      } catch (ApiException e) {
        if (e.kind() != ApiException.Kind.RETRY) {
          LOG.severe("enrolment refused: " + e.getMessage());
          return null;
        }
        LOG.warning(
            "cannot enrol yet (" + e.getMessage() + "); retrying in " + wait.toSeconds() + " s");
        Thread.sleep(wait.toMillis());
        wait =
            wait.multipliedBy(2).compareTo(Agent.MAX_BACKOFF) > 0
                ? Agent.MAX_BACKOFF
                : wait.multipliedBy(2);
      }
    }
  }

  private static void pollForever(Agent agent) {
    Duration wait = Duration.ofSeconds(5);
    while (agent.stopped() == Agent.Stop.RUNNING) {
      try {
        long start = System.nanoTime();
        int commands = agent.pollCommands();
        wait = Duration.ofSeconds(5);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        if (commands == 0 && elapsedMs < MIN_POLL_SPACING_MS) {
          // An API that answers at once instead of holding the poll must not make this a busy loop.
          Thread.sleep(MIN_POLL_SPACING_MS - elapsedMs);
        }
      } catch (InterruptedException e) {
        return;
      } catch (ApiException e) {
        if (agent.stopped() != Agent.Stop.RUNNING) {
          return;
        }
        // A 4xx here (an API without the command channel yet) is not worth a fast loop either.
        Duration pause = e.kind() == ApiException.Kind.REJECTED ? Duration.ofMinutes(1) : wait;
        LOG.fine("command poll failed: " + e.getMessage());
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException ie) {
          return;
        }
        wait =
            wait.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0
                ? Duration.ofMinutes(1)
                : wait.multipliedBy(2);
      } catch (RuntimeException e) {
        LOG.warning("command failed: " + e);
      }
    }
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
