package dev.topgun.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.junit.jupiter.api.Test;

class LambdaApiClassLoaderTest {

  private final LambdaApiClassLoader loader =
      new LambdaApiClassLoader(LambdaApiClassLoaderTest.class.getClassLoader());

  @Test
  void lambdaRuntimeInterfaces_areTheRuntimesOwn() throws Exception {
    // when / then
    assertThat(loader.loadClass(Context.class.getName())).isSameAs(Context.class);
    assertThat(loader.loadClass(RequestHandler.class.getName())).isSameAs(RequestHandler.class);
  }

  @Test
  void theJdk_isVisible() throws Exception {
    // when / then
    assertThat(loader.loadClass("java.net.http.HttpClient"))
        .isSameAs(java.net.http.HttpClient.class);
  }

  @Test
  void eventsAndSerializationSubPackages_areNotShared() {
    // when / then: a function brings its own event classes, as in Lambda
    assertThatThrownBy(
            () ->
                loader.loadClass(
                    "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(LambdaApiClassLoader.isShared("com.amazonaws.services.lambda.runtime.events.X"))
        .isFalse();
  }

  @Test
  void theRuntimesOwnClassesAndLibraries_areInvisible() {
    // when / then
    assertThatThrownBy(() -> loader.loadClass(LambdaFunctions.class.getName()))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> loader.loadClass("org.slf4j.Logger"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(loader.getResource("logback.xml")).isNull();
  }
}
