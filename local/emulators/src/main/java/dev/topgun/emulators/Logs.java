package dev.topgun.emulators;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where emulator output goes, and the end of it for error messages. */
final class Logs {

  private static final int TAIL_LINES = 30;

  private Logs() {}

  /**
   * For emulators without a data directory: the build's {@code target/} when running inside one
   * (tests), else the temporary directory.
   */
  static Path dir() throws IOException {
    Path target = Path.of("target").toAbsolutePath();
    Path dir =
        Files.isDirectory(target)
            ? target.resolve("emulators")
            : Path.of(System.getProperty("java.io.tmpdir")).resolve("topgun-emulators");
    return Files.createDirectories(dir);
  }

  static String tail(Path log) {
    try {
      // Decoded leniently: a child killed mid-write may leave half a character.
      List<String> lines =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
