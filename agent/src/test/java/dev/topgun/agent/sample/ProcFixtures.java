package dev.topgun.agent.sample;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Captured /proc snapshots under src/test/resources/proc/t0 and t1, ten seconds apart. */
public final class ProcFixtures {

  private ProcFixtures() {}

  public static Path resource(String name) {
    try {
      return Path.of(ProcFixtures.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies snapshot {@code t0} or {@code t1} over the files in {@code procRoot}. */
  public static void install(String snapshot, Path procRoot) throws IOException {
    Path source = resource("proc/" + snapshot);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path target = procRoot.resolve(source.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
