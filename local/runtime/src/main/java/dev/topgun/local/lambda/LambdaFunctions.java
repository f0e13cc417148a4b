package dev.topgun.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The functions of the repository: every module under {@code functions/}, each run from its shaded
 * Lambda jar {@code functions/<name>/target/<name>-lambda.jar}.
 */
public final class LambdaFunctions implements Invoker, AutoCloseable {

  private final Map<String, LambdaFunction> functions;

  private LambdaFunctions(Map<String, LambdaFunction> functions) {
    this.functions = functions;
  }

  /**
   * Opens the Lambda jar of every function module.
   *
   * @param functionsDir the repository's {@code functions/} directory
   * @param arnPrefix {@code arn:aws:lambda:<region>:<account>:function:}
   * @throws IllegalStateException naming every missing jar, and every jar older than a source it is
   *     built from (the module's or shared-lib's {@code src/main}, or a pom), with the command that
   *     builds them: the runtime never runs code other than the code in the repository
   */
  public static LambdaFunctions open(Path functionsDir, String arnPrefix) {
    Map<String, LambdaFunction> functions = new TreeMap<>();
    List<Path> missing = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    Path root = functionsDir.toAbsolutePath().getParent();
    for (Path module : modules(functionsDir)) {
      String name = module.getFileName().toString();
      Path jar = jarOf(module);
      if (!Files.isRegularFile(jar)) {
        missing.add(jar);
        continue;
      }
      newerSource(jar, sourcesOf(root, module))
          .ifPresent(source -> stale.add(jar + " (older than " + source + ")"));
    }
    if (!missing.isEmpty() || !stale.isEmpty()) {
      throw new IllegalStateException(
          (missing.isEmpty() ? "" : "missing Lambda jar(s) " + missing + "; ")
              + (stale.isEmpty() ? "" : "stale Lambda jar(s) " + stale + "; ")
              + "build them with `mvn -B -q -DskipTests install` in "
              + root
              + " (./local/run does this)");
    }
    for (Path module : modules(functionsDir)) {
      String name = module.getFileName().toString();
      functions.put(name, LambdaFunction.open(name, jarOf(module), arnPrefix + name));
    }
    return new LambdaFunctions(functions);
  }

  /** What a function's jar is built from: its module, shared-lib and the poms above them. */
  static List<Path> sourcesOf(Path root, Path module) {
    return List.of(
        module.resolve("pom.xml"),
        module.resolve("src").resolve("main"),
        root.resolve("functions").resolve("pom.xml"),
        root.resolve("shared-lib").resolve("pom.xml"),
        root.resolve("shared-lib").resolve("src").resolve("main"),
        root.resolve("pom.xml"));
  }

  /** A file under {@code sources} modified after {@code jar}, if any. */
  static Optional<Path> newerSource(Path jar, List<Path> sources) {
    try {
      FileTime built = Files.getLastModifiedTime(jar);
      for (Path source : sources) {
        if (!Files.exists(source)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(source)) {
          Optional<Path> newer =
              files
                  .filter(Files::isRegularFile)
                  .filter(file -> modified(file).compareTo(built) > 0)
                  .findFirst();
          if (newer.isPresent()) {
            return newer;
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path jarOf(Path module) {
    String name = module.getFileName().toString();
    return module.resolve("target").resolve(name + "-lambda.jar");
  }

  private static List<Path> modules(Path functionsDir) {
    if (!Files.isDirectory(functionsDir)) {
      throw new IllegalStateException("no functions directory at " + functionsDir);
    }
    try (Stream<Path> children = Files.list(functionsDir)) {
      return children
          .filter(Files::isDirectory)
          .filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Set<String> names() {
    return functions.keySet();
  }

  @Override
  public boolean exists(String function) {
    return functions.containsKey(function);
  }

  @Override
  public Invocation invoke(String function, byte[] payload) {
    LambdaFunction target = functions.get(function);
    if (target == null) {
      throw new FunctionNotFoundException(function);
    }
    return target.invoke(payload);
  }

  @Override
  public void close() {
    functions.values().forEach(LambdaFunction::close);
  }
}
