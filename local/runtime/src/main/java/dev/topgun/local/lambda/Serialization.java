package dev.topgun.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * aws-lambda-java-serialization as the Lambda Java runtime uses it, one private copy per function.
 * The library keeps static state that assumes one customer class loader per JVM, as in Lambda
 * (loaded classes cached by name, modules registered on a shared Jackson mapper), so functions
 * sharing one copy would see each other's event classes.
 */
final class Serialization implements AutoCloseable {

  private static final String PACKAGE = "com.amazonaws.services.lambda.runtime.serialization.";

  /** Reads and writes one type as the Lambda runtime does. */
  interface Serializer {
    Object read(InputStream in);

    void write(Object value, OutputStream out);
  }

  private final URLClassLoader library;
  private final ClassLoader customer;
  private final Method isSupportedEvent;
  private final Method serializerFor;
  private final Object jackson;
  private final Method jacksonSerializer;
  private final Method fromJson;
  private final Method toJson;

  Serialization(String function, ClassLoader functionLoader) {
    library =
        new URLClassLoader(
            "lambda-serialization:" + function,
            new URL[] {jarOf(LambdaEventSerializers.class)},
            ClassLoader.getPlatformClassLoader());
    customer = new CustomerClassLoader(functionLoader);
    try {
      Class<?> events = library.loadClass(PACKAGE + "events.LambdaEventSerializers");
      isSupportedEvent = events.getMethod("isLambdaSupportedEvent", String.class);
      serializerFor = events.getMethod("serializerFor", Class.class, ClassLoader.class);
      Class<?> factory = library.loadClass(PACKAGE + "factories.JacksonFactory");
      jackson = factory.getMethod("getInstance").invoke(null);
      jacksonSerializer = factory.getMethod("getSerializer", Type.class);
      Class<?> pojo = library.loadClass(PACKAGE + "PojoSerializer");
      fromJson = pojo.getMethod("fromJson", InputStream.class);
      toJson = pojo.getMethod("toJson", Object.class, OutputStream.class);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("aws-lambda-java-serialization is not usable", e);
    }
  }

  /**
   * The serializer Lambda picks: the event serializers (with their mixins) for Lambda's event
   * types, else Jackson.
   */
  Serializer forType(Type type) {
    Class<?> erased = TypeArguments.erasure(type);
    boolean event = (Boolean) call(isSupportedEvent, null, erased.getName());
    Object serializer =
        event
            ? call(serializerFor, null, erased, customer)
            : call(jacksonSerializer, jackson, type instanceof Class<?> ? type : erased);
    return new Serializer() {
      @Override
      public Object read(InputStream in) {
        return call(fromJson, serializer, in);
      }

      @Override
      public void write(Object value, OutputStream out) {
        call(toJson, serializer, value, out);
      }
    };
  }

  private static Object call(Method method, Object target, Object... arguments) {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static URL jarOf(Class<?> type) {
    try {
      return type.getProtectionDomain().getCodeSource().getLocation().toURI().toURL();
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
    }
  }

  @Override
  public void close() {
    try {
      library.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the serializers load the function's classes through: the function's own, and Joda-Time
   * from the runtime when the function has none. The event serializers register a Joda {@code
   * DateTime} module for every event type, and Micronaut functions leave joda-time out.
   */
  private static final class CustomerClassLoader extends ClassLoader {

    CustomerClassLoader(ClassLoader function) {
      super("lambda-customer", function);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (name.startsWith("org.joda.time.")) {
        return Serialization.class.getClassLoader().loadClass(name);
      }
      throw new ClassNotFoundException(name);
    }
  }
}
