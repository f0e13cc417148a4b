package dev.topgun.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeArgumentsTest {

  abstract static class Base<A, B> implements RequestHandler<A, B> {}

  abstract static class Middle<X> extends Base<X, List<String>> {}

  static final class Concrete extends Middle<Integer> {
    @Override
    public List<String> handleRequest(Integer input, Context context) {
      return List.of();
    }
  }

  static final class Direct implements RequestHandler<String, Long> {
    @Override
    public Long handleRequest(String input, Context context) {
      return 0L;
    }
  }

  @Test
  void throughGenericSuperclasses_theConcreteArgumentsAreFound() {
    // when
    Type[] arguments = TypeArguments.of(Concrete.class, RequestHandler.class);

    // then
    assertThat(TypeArguments.erasure(arguments[0])).isEqualTo(Integer.class);
    assertThat(TypeArguments.erasure(arguments[1])).isEqualTo(List.class);
    assertThat(arguments[1].getTypeName()).isEqualTo("java.util.List<java.lang.String>");
  }

  @Test
  void onADirectImplementation_theArgumentsAreFound() {
    // when
    Type[] arguments = TypeArguments.of(Direct.class, RequestHandler.class);

    // then
    assertThat(arguments).containsExactly(String.class, Long.class);
  }

  @Test
  void onAClassThatDoesNotImplementIt_nothingIsFound() {
    // when / then
    assertThat(TypeArguments.of(String.class, RequestHandler.class)).isNull();
  }
}
