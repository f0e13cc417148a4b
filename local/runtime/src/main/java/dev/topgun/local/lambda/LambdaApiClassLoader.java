package dev.topgun.local.lambda;

import java.util.Set;

/**
 * The parent of every function's class loader: the JDK, plus the Lambda runtime interfaces ({@code
 * Context}, {@code RequestHandler}, ...) from the runtime's own loader, so that the runtime can
 * call a handler through them. Nothing else of the runtime's classpath shows through; in particular
 * the event classes ({@code com.amazonaws.services.lambda.runtime.events}) and the serializers come
 * from the function's own jar, as in Lambda.
 */
final class LambdaApiClassLoader extends ClassLoader {

  /**
   * The packages of aws-lambda-java-core. {@code .logging} is included because {@code LambdaLogger}
   * names {@code LogLevel} in its signatures: a second copy from the function's jar would break the
   * loader constraint on {@code log(String, LogLevel)}.
   */
  private static final Set<String> SHARED_PACKAGES =
      Set.of(
          "com.amazonaws.services.lambda.runtime", "com.amazonaws.services.lambda.runtime.logging");

  private final ClassLoader runtimeLoader;

  LambdaApiClassLoader(ClassLoader runtimeLoader) {
    super("lambda-api", ClassLoader.getPlatformClassLoader());
    this.runtimeLoader = runtimeLoader;
  }

  static boolean isShared(String className) {
    int lastDot = className.lastIndexOf('.');
    return lastDot > 0 && SHARED_PACKAGES.contains(className.substring(0, lastDot));
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (isShared(name)) {
      return runtimeLoader.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }
}
