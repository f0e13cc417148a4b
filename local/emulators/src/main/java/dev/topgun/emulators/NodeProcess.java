package dev.topgun.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Node.js child process serving on loopback ports: started with node from the PATH, its output in
 * a log file, ready once every port accepts connections, and killed by {@link #close()} or, if
 * nobody closes it, when the JVM exits.
 */
final class NodeProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeProcess.class);
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private NodeProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.shutdownHook = new Thread(this::stop, "stop-" + name);
  }

  /**
   * Starts {@code node <arguments>} in {@code workDir} and waits until it accepts connections on
   * {@code port}.
   *
   * @throws IllegalStateException if the port is taken, or the child exits or is not ready in time
   *     (the message names the log file and quotes its end)
   */
  static NodeProcess start(
      String name,
      List<String> arguments,
      Path workDir,
      Map<String, String> environment,
      Path log,
      int port) {
    return start(name, arguments, workDir, environment, log, List.of(port));
  }

  /**
   * Starts {@code node <arguments>} in {@code workDir} and waits until it accepts connections on
   * each of {@code ports}.
   *
   * @throws IllegalStateException if a port is taken, or the child exits or is not ready in time
   *     (the message names the log file and quotes its end)
   */
  static NodeProcess start(
      String name,
      List<String> arguments,
      Path workDir,
      Map<String, String> environment,
      Path log,
      List<Integer> ports) {
    for (int port : ports) {
      if (Ports.isAccepting(port)) {
        throw new IllegalStateException(
            "Cannot start " + name + ": port " + port + " is already in use");
      }
    }
    String portList = ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
    Process process;
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      // Appended, not truncated: a log under a data directory keeps the history of its restarts,
      // and a second start on the same directory does not wipe what the first one wrote.
      Files.writeString(
          log,
          "=== "
              + Instant.now()
              + " starting "
              + name
              + " on port "
              + portList
              + System.lineSeparator(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(nodeCommand(arguments))
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start " + name + " (node must be on the PATH); log: " + log, e);
    }
    NodeProcess node = new NodeProcess(name, process, log);
    Runtime.getRuntime().addShutdownHook(node.shutdownHook);
    try {
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      for (int port : ports) {
        node.awaitPort(port, deadline);
      }
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    LOG.info("{} is listening on port {} (pid {}, log: {})", name, portList, process.pid(), log);
    return node;
  }

  private static List<String> nodeCommand(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.addAll(arguments);
    return command;
  }

  private void awaitPort(int port, long deadline) {
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with code "
                + process.exitValue()
                + " before accepting connections on port "
                + port
                + "; log: "
                + log
                + "\n"
                + Logs.tail(log));
      }
      if (Ports.isAccepting(port)) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            name
                + " did not accept connections on port "
                + port
                + " within "
                + READY_TIMEOUT.toSeconds()
                + " s; log: "
                + log
                + "\n"
                + Logs.tail(log));
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + name, e);
      }
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and runs the hook anyway.
    }
  }

  /** SIGTERM lets the emulator flush its data files; a child that ignores it is killed. */
  private void stop() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
