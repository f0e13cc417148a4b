package dev.topgun.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Installs the npm packages pinned by {@code local/package-lock.json}. */
public final class Npm {

  private static final Logger LOG = LoggerFactory.getLogger(Npm.class);
  private static final long INSTALL_TIMEOUT_MINUTES = 15;

  /**
   * Written into node_modules after a successful {@code npm ci}: the hash of the lock file it
   * installed. Comparing hashes rather than timestamps survives git checkouts (which set fresh
   * mtimes) and notices any change of the lock file.
   */
  private static final String MARKER = ".topgun-npm-ci";

  private Npm() {}

  /**
   * Runs {@code npm ci} in {@code localDir} unless node_modules already holds exactly what
   * package-lock.json pins. Safe to call from several JVMs at once (parallel test forks): they
   * serialise on a file lock, and the later ones find the install done.
   */
  public static void ensureInstalled(Path localDir) {
    Path lockJson = localDir.resolve("package-lock.json");
    Path marker = localDir.resolve("node_modules").resolve(MARKER);
    String wanted = sha256(readBytes(lockJson));
    if (isInstalled(marker, wanted)) {
      return;
    }
    // FileLock excludes other processes only; threads of this JVM queue on the class monitor.
    synchronized (Npm.class) {
      try (FileChannel channel =
          FileChannel.open(
              lockFile(localDir), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        channel.lock(); // released when the channel closes
        if (isInstalled(marker, wanted)) {
          return;
        }
        npmCi(localDir);
        Files.writeString(marker, wanted);
      } catch (IOException e) {
        throw new UncheckedIOException("npm ci in " + localDir + " failed", e);
      }
    }
  }

  private static void npmCi(Path localDir) throws IOException {
    Path log = Files.createTempFile("topgun-npm-ci-", ".log");
    List<String> command = List.of(npmExecutable(), "ci", "--no-audit", "--no-fund");
    LOG.info("Installing the local emulators: {} in {} (log: {})", command, localDir, log);
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(localDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IOException("Cannot run npm: Node.js and npm must be on the PATH", e);
    }
    try {
      if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "npm ci did not finish within " + INSTALL_TIMEOUT_MINUTES + " minutes; see " + log);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for npm ci", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "npm ci exited with code "
              + process.exitValue()
              + "; see "
              + log
              + "\n"
              + Logs.tail(log));
    }
    Files.delete(log);
  }

  private static boolean isInstalled(Path marker, String wanted) {
    try {
      return Files.isRegularFile(marker) && Files.readString(marker).trim().equals(wanted);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Outside the repository (nothing to ignore in git) and outside node_modules (npm ci wipes it).
   */
  private static Path lockFile(Path localDir) throws IOException {
    String id = sha256(localDir.toRealPath().toString().getBytes(StandardCharsets.UTF_8));
    return Path.of(System.getProperty("java.io.tmpdir"))
        .resolve("topgun-npm-" + id.substring(0, 16) + ".lock");
  }

  private static String npmExecutable() {
    return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")
        ? "npm.cmd"
        : "npm";
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM provides SHA-256", e);
    }
  }
}
