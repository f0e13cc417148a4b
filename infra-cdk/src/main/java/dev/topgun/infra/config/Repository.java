package dev.topgun.infra.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the Topgun repository whose declarations and function jars the app deploys. */
public final class Repository {

  static final String MARKER = "shared-lib/src/main/resources/topgun/api-routes.json";

  private Repository() {}

  /**
   * The nearest directory holding the route table, starting at system property {@code topgun.root}
   * (the build sets it for tests) or else at the working directory ({@code infra-cdk/} when the CDK
   * CLI runs the app) and walking up.
   */
  public static Path root() {
    String configured = System.getProperty("topgun.root");
    Path start =
        (configured == null || configured.isBlank() ? Path.of("") : Path.of(configured))
            .toAbsolutePath()
            .normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(MARKER))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find the Topgun repository: no "
            + MARKER
            + " in "
            + start
            + " or any parent; set -Dtopgun.root=<repository root>");
  }
}
