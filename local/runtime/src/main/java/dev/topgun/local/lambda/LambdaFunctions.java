package dev.topgun.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
   * @throws IllegalStateException naming every missing jar and the command that builds them
   */
  public static LambdaFunctions open(Path functionsDir, String arnPrefix) {
    Map<String, LambdaFunction> functions = new TreeMap<>();
    List<Path> missing = new ArrayList<>();
    for (Path module : modules(functionsDir)) {
      String name = module.getFileName().toString();
      Path jar = jarOf(module);
      if (Files.isRegularFile(jar)) {
        functions.put(name, LambdaFunction.open(name, jar, arnPrefix + name));
      } else {
        missing.add(jar);
      }
    }
    if (!missing.isEmpty()) {
      Path root = functionsDir.toAbsolutePath().getParent();
      throw new IllegalStateException(
          "missing Lambda jar(s) "
              + missing
              + ": build them with `mvn -B -q -DskipTests install` in "
              + root
              + " (./local/run does this)");
    }
    return new LambdaFunctions(functions);
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
