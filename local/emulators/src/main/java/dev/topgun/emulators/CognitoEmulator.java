package dev.topgun.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cognito user pools on this machine: cognito-local (npm) as a child process listening on 127.0.0.1
 * and known as {@code http://localhost:<port>}, the address clients are given. As in AWS, token
 * issuers are {@code <endpoint>/<userPoolId>} and each pool's JWKS is at {@code
 * <endpoint>/<userPoolId>/.well-known/jwks.json}.
 */
public final class CognitoEmulator implements AutoCloseable {

  private final NodeProcess process;
  private final int port;

  private CognitoEmulator(NodeProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Installs the emulators if needed and starts one.
   *
   * @param port the port to listen on, or 0 for a free one
   * @param dataDir where the pools, clients and users live ({@code dataDir/.cognito/}) and the
   *     output goes ({@code dataDir/cognito.log}); kept across restarts
   */
  public static CognitoEmulator start(int port, Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir: cognito-local keeps its user pools in files");
    Path localDir = Repo.localDir();
    Npm.ensureInstalled(localDir);
    int actualPort = port == 0 ? Ports.free() : port;
    try {
      // cognito-local writes the host it listens on into the tokens' issuer unless its config
      // (.cognito/config.json) names another; the issuer must be the endpoint clients use.
      Path config = dataDir.resolve(".cognito").resolve("config.json");
      Files.createDirectories(config.getParent());
      Files.writeString(
          config, "{\"TokenConfig\": {\"IssuerDomain\": \"" + endpointFor(actualPort) + "\"}}\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + dataDir, e);
    }
    Path start = localDir.resolve("node_modules/cognito-local/lib/bin/start.js").toAbsolutePath();
    // cognito-local reads its port and host from the environment and keeps its data in .cognito/
    // under its working directory. It listens on IPv4 loopback only, which is what "localhost"
    // resolves to first for Java and curl.
    NodeProcess process =
        NodeProcess.start(
            "cognito-local",
            List.of(start.toString()),
            dataDir,
            Map.of("PORT", Integer.toString(actualPort), "HOST", "127.0.0.1"),
            dataDir.resolve("cognito.log"),
            actualPort);
    return new CognitoEmulator(process, actualPort);
  }

  /** The endpoint for clients and the AWS SDK, e.g. {@code http://localhost:9229}. */
  public URI endpoint() {
    return endpointFor(port);
  }

  private static URI endpointFor(int port) {
    return URI.create("http://localhost:" + port);
  }

  @Override
  public void close() {
    process.close();
  }
}
