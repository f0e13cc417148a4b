package dev.topgun.statemachines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.topgun.emulators.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The definitions the lint reads: the repository's, and the fixtures under src/test/resources. */
final class Definitions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Definitions() {}

  static Path dir() {
    return Repo.root().resolve("state-machines");
  }

  /** {@code state-machines/*.asl.json}. */
  static List<Path> repository() {
    return list(dir());
  }

  /** {@code src/test/resources/lint/<kind>/*.asl.json}. */
  static List<Path> fixtures(String kind) {
    return list(dir().resolve("src/test/resources/lint").resolve(kind));
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".asl.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
