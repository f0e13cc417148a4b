package dev.topgun.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * E-mail on this machine: maildev (npm) as a child process that accepts every message over SMTP and
 * shows it in a web inbox, whose REST API ({@code GET /api/email}) lists the messages as JSON. Both
 * servers listen on 127.0.0.1 only; SMTP needs neither TLS nor authentication.
 */
public final class MailEmulator implements AutoCloseable {

  private static final String HOST = "127.0.0.1";

  private final NodeProcess process;
  private final int smtpPort;
  private final int webPort;

  private MailEmulator(NodeProcess process, int smtpPort, int webPort) {
    this.process = process;
    this.smtpPort = smtpPort;
    this.webPort = webPort;
  }

  /**
   * Installs the emulators if needed and starts one.
   *
   * @param smtpPort the SMTP port, or 0 for a free one
   * @param webPort the web inbox and REST API port, or 0 for a free one
   * @param dataDir where the messages are kept ({@code dataDir/messages/}, one {@code .eml} file
   *     each, read back on the next start) and the output goes ({@code dataDir/maildev.log}); or
   *     null to keep the messages in memory (output under target/ or the temporary directory)
   */
  public static MailEmulator start(int smtpPort, int webPort, Path dataDir) {
    Path localDir = Repo.localDir();
    Npm.ensureInstalled(localDir);
    int actualSmtp = smtpPort == 0 ? Ports.free() : smtpPort;
    int actualWeb = webPort == 0 ? freeOtherThan(actualSmtp) : webPort;
    if (actualSmtp == actualWeb) {
      throw new IllegalArgumentException(
          "the SMTP and web ports of the mail emulator must differ: both are " + actualSmtp);
    }
    Path workDir;
    Path log;
    Path config;
    List<String> arguments =
        new ArrayList<>(
            List.of(
                localDir.resolve("node_modules/maildev/dist/bin/maildev.js").toString(),
                "--smtp",
                Integer.toString(actualSmtp),
                "--ip",
                HOST,
                "--web",
                Integer.toString(actualWeb),
                "--web-ip",
                HOST));
    try {
      if (dataDir != null) {
        workDir = Files.createDirectories(dataDir);
        Path messages = Files.createDirectories(dataDir.resolve("messages"));
        arguments.add("--mail-directory");
        arguments.add(messages.toAbsolutePath().toString());
        log = dataDir.resolve("maildev.log");
        config = dataDir.resolve("maildev.json");
      } else {
        workDir = Logs.dir();
        log = workDir.resolve("maildev-" + actualSmtp + ".log");
        config = workDir.resolve("maildev-" + actualSmtp + ".json");
      }
      // Without --config, maildev looks for a config file in its working directory and every
      // parent, so a stray .maildevrc.json above the data directory could change its settings.
      Files.writeString(config, "{}\n");
      arguments.add("--config");
      arguments.add(config.toAbsolutePath().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the mail emulator's files", e);
    }
    NodeProcess process =
        NodeProcess.start(
            "maildev", arguments, workDir, Map.of(), log, List.of(actualSmtp, actualWeb));
    return new MailEmulator(process, actualSmtp, actualWeb);
  }

  private static int freeOtherThan(int taken) {
    int port = Ports.free();
    while (port == taken) {
      port = Ports.free();
    }
    return port;
  }

  /** Where to send mail: {@code smtp://127.0.0.1:<port>}. */
  public URI smtpEndpoint() {
    return URI.create("smtp://" + HOST + ":" + smtpPort);
  }

  /** The SMTP server's host, {@code 127.0.0.1}. */
  public String smtpHost() {
    return HOST;
  }

  public int smtpPort() {
    return smtpPort;
  }

  /**
   * The web inbox, e.g. {@code http://localhost:1080}; its REST API lists the messages at {@code
   * /api/email}.
   */
  public URI webEndpoint() {
    return URI.create("http://localhost:" + webPort);
  }

  public int webPort() {
    return webPort;
  }

  /** Stops the child process; with a data directory, the messages stay for the next start. */
  @Override
  public void close() {
    process.close();
  }
}
