package dev.topgun.statemachines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.emulators.Npm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every definition is valid ASL by an independent validator: npm's {@code asl-validator}, pinned in
 * {@code state-machines/package.json} and installed by the build ({@code npm ci}, as the emulators
 * are). The {@code ${Placeholders}} stay as they are: the validator takes them as strings.
 */
class AslValidatorIT {

  @BeforeAll
  static void install() {
    Npm.ensureInstalled(Definitions.dir());
  }

  static Stream<Path> definitions() {
    return Stream.of(
            Definitions.repository(),
            Definitions.fixtures("valid"),
            Definitions.fixtures("invalid"))
        .flatMap(List::stream);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("definitions")
  void isValidAsl(Path definition) throws Exception {
    Result result = validate(definition);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void aDefinitionThatIsNotAsl_isRefused() throws Exception {
    for (Path fixture : Definitions.fixtures("not-asl")) {
      Result result = validate(fixture);
      assertThat(result.exitCode()).as(fixture.toString()).isNotZero();
      assertThat(result.output()).contains("MUST contain exactly one of \"End\", \"Next\"");
    }
  }

  record Result(int exitCode, String output) {}

  private static Result validate(Path definition) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(
        Definitions.dir()
            .resolve("node_modules/asl-validator/dist/bin/asl-validator.js")
            .toString());
    command.add("--json-path");
    command.add(definition.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("asl-validator did not finish within 60 s on " + definition);
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
