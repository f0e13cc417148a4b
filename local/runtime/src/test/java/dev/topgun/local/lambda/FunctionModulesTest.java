package dev.topgun.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionModulesTest {

  static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

  @Test
  void everyFunctionModule_isADependencyOfTheRuntimesTests_soTheReactorBuildsItFirst()
      throws IOException {
    // given
    String pom = Files.readString(ROOT.resolve("local/runtime/pom.xml"));
    List<String> modules;
    try (Stream<Path> children = Files.list(ROOT.resolve("functions"))) {
      modules =
          children
              .filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
              .map(dir -> dir.getFileName().toString())
              .toList();
    }

    // then
    assertThat(modules).isNotEmpty();
    for (String module : modules) {
      assertThat(pom)
          .as("local/runtime/pom.xml depends on functions/" + module)
          .contains(
              "<artifactId>"
                  + module
                  + "</artifactId>\n      <version>${project.version}</version>\n      <type>pom</type>");
    }
  }

  @Test
  void aJarOlderThanASourceOfIt_isFound_andAFreshOneIsNot(@TempDir Path dir) throws IOException {
    // given
    Path source = Files.createDirectories(dir.resolve("src/main/java")).resolve("A.java");
    Files.writeString(source, "class A {}");
    Path jar = Files.writeString(dir.resolve("a-lambda.jar"), "jar");
    Files.setLastModifiedTime(source, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));

    // when / then
    assertThat(LambdaFunctions.newerSource(jar, List.of(dir.resolve("src/main")))).isEmpty();
    Files.setLastModifiedTime(source, FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));
    assertThat(LambdaFunctions.newerSource(jar, List.of(dir.resolve("src/main")))).contains(source);
    assertThat(LambdaFunctions.newerSource(jar, List.of(dir.resolve("missing")))).isEmpty();
  }
}
