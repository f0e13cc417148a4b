package dev.topgun.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One function: its Lambda jar in a class loader of its own, and one handler instance created on
 * the first invocation (the cold start) and reused after, as a Lambda execution environment does.
 */
final class LambdaFunction implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LambdaFunction.class);
  static final String HANDLER_ATTRIBUTE = "Lambda-Handler";
  static final int MEMORY_MB = 1024;
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final Path jar;
  private final String handlerClass;
  private final String arn;

  private URLClassLoader loader;
  private Serialization serialization;
  private Handler handler;

  private LambdaFunction(String name, Path jar, String handlerClass, String arn) {
    this.name = name;
    this.jar = jar;
    this.handlerClass = handlerClass;
    this.arn = arn;
  }

  static LambdaFunction open(String name, Path jar, String arn) {
    String handler;
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      handler = manifest == null ? null : manifest.getMainAttributes().getValue(HANDLER_ATTRIBUTE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
    if (handler == null || handler.isBlank()) {
      throw new IllegalStateException(
          jar + " has no '" + HANDLER_ATTRIBUTE + "' manifest attribute naming its handler class");
    }
    if (handler.contains("::")) {
      throw new IllegalStateException(
          jar + ": handler '" + handler + "' names a method; only handler classes are supported");
    }
    return new LambdaFunction(name, jar, handler.trim(), arn);
  }

  String name() {
    return name;
  }

  Invocation invoke(byte[] payload) {
    String requestId = UUID.randomUUID().toString();
    Context context = new LocalContext(requestId, name, arn, MEMORY_MB, TIMEOUT);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try {
      Handler ready = handler();
      thread.setContextClassLoader(loader);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ready.handle(new ByteArrayInputStream(payload), out, context);
      return Invocation.ok(out.toByteArray());
    } catch (Throwable e) {
      Throwable cause = unwrap(e);
      LOG.warn("{}: handler threw {}", name, cause.toString());
      return Invocation.failed(Json.bytes(errorDocument(cause)));
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private synchronized Handler handler() throws Exception {
    if (handler != null) {
      return handler;
    }
    long started = System.nanoTime();
    if (loader == null) {
      URL[] urls = {jar.toUri().toURL()};
      loader =
          new URLClassLoader(
              "function:" + name,
              urls,
              new LambdaApiClassLoader(LambdaFunction.class.getClassLoader()));
      serialization = new Serialization(name, loader);
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Class<?> type = Class.forName(handlerClass, true, loader);
      Object instance = type.getDeclaredConstructor().newInstance();
      handler = adapt(instance, type);
    } finally {
      thread.setContextClassLoader(previous);
    }
    LOG.info(
        "{}: cold start ({} in {} ms)",
        name,
        handlerClass,
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    return handler;
  }

  /** Calls the handler the way the Lambda Java runtime does, by the interface it implements. */
  private Handler adapt(Object instance, Class<?> type) {
    if (instance instanceof RequestStreamHandler streaming) {
      return new Handler(instance, streaming::handleRequest);
    }
    if (instance instanceof RequestHandler<?, ?> requestHandler) {
      Type[] arguments = TypeArguments.of(type, RequestHandler.class);
      Type input = arguments == null ? Object.class : arguments[0];
      Type output = arguments == null ? Object.class : arguments[1];
      Serialization.Serializer reader = serialization.forType(input);
      Serialization.Serializer declaredWriter =
          TypeArguments.erasure(output) == Object.class ? null : serialization.forType(output);
      @SuppressWarnings("unchecked")
      RequestHandler<Object, Object> typed = (RequestHandler<Object, Object>) requestHandler;
      return new Handler(
          instance,
          (in, out, context) -> {
            Object result = typed.handleRequest(reader.read(in), context);
            Serialization.Serializer writer =
                declaredWriter != null || result == null
                    ? declaredWriter
                    : serialization.forType(result.getClass());
            if (writer == null) {
              out.write("null".getBytes(StandardCharsets.UTF_8));
            } else {
              writer.write(result, out);
            }
          });
    }
    throw new IllegalStateException(
        handlerClass
            + " implements neither RequestHandler nor RequestStreamHandler of "
            + RequestHandler.class.getPackageName());
  }

  private static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while ((current instanceof InvocationTargetException
            || current instanceof ExceptionInInitializerError)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** Lambda's document for an unhandled exception. */
  static ObjectNode errorDocument(Throwable error) {
    ObjectNode document = Json.MAPPER.createObjectNode();
    document.put("errorMessage", String.valueOf(error.getMessage()));
    document.put("errorType", error.getClass().getName());
    ArrayNode trace = document.putArray("stackTrace");
    for (StackTraceElement element : error.getStackTrace()) {
      trace.add(element.toString());
    }
    if (error.getCause() != null && error.getCause() != error) {
      document.set("cause", errorDocument(error.getCause()));
    }
    return document;
  }

  @Override
  public synchronized void close() {
    if (handler != null && handler.instance() instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("{}: closing its handler failed: {}", name, e.toString());
      }
    }
    handler = null;
    if (serialization != null) {
      serialization.close();
      serialization = null;
    }
    if (loader != null) {
      try {
        loader.close();
      } catch (IOException e) {
        LOG.warn("{}: closing its class loader failed: {}", name, e.toString());
      }
      loader = null;
    }
  }

  private interface Body {
    void handle(InputStream in, OutputStream out, Context context) throws IOException;
  }

  private record Handler(Object instance, Body body) {
    void handle(InputStream in, OutputStream out, Context context) throws IOException {
      body.handle(in, out, context);
    }
  }
}
