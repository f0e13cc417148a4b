package dev.topgun.emulators;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the Topgun repository, whose {@code local/} directory holds the emulators. */
public final class Repo {

  private Repo() {}

  /**
   * The repository root: the nearest directory, starting at system property {@code topgun.root}
   * (the build sets it for tests) or else at the working directory and walking up, that holds
   * {@code local/package.json}. Walking up also from the property keeps a build started inside a
   * module directory working.
   */
  public static Path root() {
    String configured = System.getProperty("topgun.root");
    Path start =
        (configured == null || configured.isBlank() ? Path.of("") : Path.of(configured))
            .toAbsolutePath()
            .normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("local").resolve("package.json"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find the Topgun repository: no local/package.json in "
            + start
            + " or any parent; set -Dtopgun.root=<repository root>");
  }

  /** The {@code local/} directory: package.json, the lock file, node_modules, the extensions. */
  public static Path localDir() {
    return root().resolve("local");
  }
}
