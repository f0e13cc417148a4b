package dev.topgun.agent;

import dev.topgun.agent.api.ApiClient;
import dev.topgun.agent.api.ApiException;
import dev.topgun.agent.api.Command;
import dev.topgun.agent.api.CredentialStore;
import dev.topgun.agent.api.Credentials;
import dev.topgun.agent.sample.Sample;
import dev.topgun.agent.spool.Spool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The agent's behaviour, without threads: {@link #tick()} samples, spools and sends; {@link
 * #pollCommands()} runs one long poll. {@link Main} calls them on a schedule; tests call them with
 * a fixed clock.
 */
public final class Agent {

  private static final Logger LOG = Logger.getLogger("agent");
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  static final int COMMAND_WAIT_SECONDS = 20;

  /** Why the agent stopped. */
  public enum Stop {
    RUNNING,
    REVOKED,
    UNINSTALLED
  }

  private final ApiClient api;
  private final CredentialStore credentialStore;
  private final Spool spool;
  private final Supplier<Optional<Sample>> sampler;
  private final Supplier<Map<String, Object>> facts;
  private final Clock clock;
  private final Path dataDir;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Duration interval;
  private volatile Credentials credentials;
  private volatile Stop stop = Stop.RUNNING;
  private int failures;
  private Instant nextSendAt = Instant.MIN;

  public Agent(
      ApiClient api,
      CredentialStore credentialStore,
      Spool spool,
      Supplier<Optional<Sample>> sampler,
      Supplier<Map<String, Object>> facts,
      Clock clock,
      Path dataDir,
      Duration interval) {
    this.api = api;
    this.credentialStore = credentialStore;
    this.spool = spool;
    this.sampler = sampler;
    this.facts = facts;
    this.clock = clock;
    this.dataDir = dataDir;
    this.interval = interval;
  }

  /**
   * The stored credentials, or a new enrolment with the token when there are none. An enrolment the
   * API refuses (a used or expired token) throws; one it could not answer is retried by the caller.
   */
  public Credentials enrol(String token) throws ApiException {
    Optional<Credentials> stored = credentialStore.load();
    if (stored.isPresent()) {
      credentials = stored.get();
      return credentials;
    }
    if (token == null || token.isBlank()) {
      throw new ApiException(
          ApiException.Kind.REJECTED, 0, "not enrolled yet and no enrolment token given");
    }
    Credentials enrolled = api.enrol(token, facts.get());
    credentialStore.save(enrolled);
    credentials = enrolled;
    LOG.info("enrolled as server " + enrolled.serverId());
    return enrolled;
  }

  public Stop stopped() {
    return stop;
  }

  /** Blocks until a 401 or an uninstall stopped the agent. */
  public Stop awaitStop() throws InterruptedException {
    stopped.await();
    return stop;
  }

  /** The sampling interval, also the first step of the send backoff. */
  public void useInterval(Duration newInterval) {
    this.interval = newInterval;
  }

  public Credentials credentials() {
    return credentials;
  }

  /** One interval's work: take a sample into the spool, then send what the spool holds. */
  public synchronized void tick() {
    if (stop != Stop.RUNNING) {
      return;
    }
    try {
      sampler.get().ifPresent(spool::append);
    } catch (RuntimeException e) {
      // A sample missed (an unreadable /proc file, a full disk) must not hold up the backlog.
      LOG.warning("sampling failed: " + e.getMessage());
    }
    flush();
  }

  /**
   * Sends the spool, oldest batch first, until it is empty or the API fails; after a failure the
   * next attempt waits (interval, doubling, at most {@link #MAX_BACKOFF}).
   */
  public synchronized void flush() {
    if (stop != Stop.RUNNING || clock.instant().isBefore(nextSendAt)) {
      return;
    }
    Optional<Spool.Batch> batch;
    while (stop == Stop.RUNNING && (batch = spool.oldest()).isPresent()) {
      Spool.Batch b = batch.get();
      try {
        ApiClient.PushResult result = api.push(credentials, b.samples());
        spool.remove(b);
        if (failures > 0) {
          LOG.info("API answers again; sent samples " + b.firstSeq() + ".." + b.lastSeq());
        }
        failures = 0;
        nextSendAt = Instant.MIN;
        if (result.duplicates() > 0) {
          LOG.fine(result.duplicates() + " samples were already stored");
        }
      } catch (ApiException e) {
        switch (e.kind()) {
          case REVOKED -> revoked();
          case REJECTED -> {
            spool.remove(b);
            LOG.warning(
                "API refused samples "
                    + b.firstSeq()
                    + ".."
                    + b.lastSeq()
                    + ", dropped: "
                    + e.getMessage());
          }
          case RETRY -> {
            failures++;
            Duration wait = backoff(failures);
            nextSendAt = clock.instant().plus(wait);
            LOG.warning(
                "cannot send samples ("
                    + e.getMessage()
                    + "); "
                    + spool.pending()
                    + " kept, next try in "
                    + wait.toSeconds()
                    + " s");
            return;
          }
        }
      }
    }
  }

  Duration backoff(int failureCount) {
    Duration wait = interval;
    for (int i = 1; i < failureCount && wait.compareTo(MAX_BACKOFF) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  /**
   * One long poll for commands; each command's result is posted before the next runs. Answers how
   * many commands came.
   */
  public int pollCommands() throws ApiException {
    if (stop != Stop.RUNNING) {
      return 0;
    }
    List<Command> commands;
    try {
      commands = api.commands(credentials, COMMAND_WAIT_SECONDS);
    } catch (ApiException e) {
      if (e.kind() == ApiException.Kind.REVOKED) {
        revoked();
      }
      throw e;
    }
    for (Command command : commands) {
      if (stop != Stop.RUNNING) {
        break;
      }
      run(command);
    }
    return commands.size();
  }

  private void run(Command command) throws ApiException {
    LOG.info("command " + command.id() + ": " + command.type());
    switch (command.type() == null ? "" : command.type()) {
      case Command.COLLECT_FACTS -> {
        api.postFacts(credentials, facts.get());
        api.postResult(credentials, command.id(), true, "facts sent");
      }
      case Command.ROTATE_CREDENTIAL -> rotate(command);
      case Command.UNINSTALL -> {
        api.postResult(credentials, command.id(), true, "uninstalling");
        uninstall();
      }
      default ->
          api.postResult(
              credentials, command.id(), false, "unknown command type: " + command.type());
    }
  }

  /**
   * The new credential comes in the command's {@code args.credential}. It is stored before it is
   * used, and the result is posted with it: the API can retire the old one when that result
   * arrives.
   */
  private void rotate(Command command) throws ApiException {
    Object value = command.args().get("credential");
    if (!(value instanceof String) || ((String) value).isBlank()) {
      api.postResult(credentials, command.id(), false, "no credential in args");
      return;
    }
    Credentials rotated = credentials.withCredential((String) value);
    try {
      credentialStore.save(rotated);
    } catch (UncheckedIOException e) {
      api.postResult(credentials, command.id(), false, "cannot store the credential");
      return;
    }
    credentials = rotated;
    api.postResult(credentials, command.id(), true, "credential rotated");
    LOG.info("credential rotated");
  }

  private void revoked() {
    stop = Stop.REVOKED;
    stopped.countDown();
    LOG.severe("the API refused this server's credential (revoked or server removed); stopping");
  }

  private synchronized void uninstall() {
    stop = Stop.UNINSTALLED;
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warning("could not remove the data directory completely: " + e.getMessage());
    }
    LOG.info("uninstalled: data directory removed; stopping");
    stopped.countDown();
  }
}
