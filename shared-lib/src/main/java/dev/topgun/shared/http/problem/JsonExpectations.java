package dev.topgun.shared.http.problem;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;

/** What a value of a Java type looks like in JSON, phrased as a requirement on a field. */
final class JsonExpectations {

  private JsonExpectations() {}

  /** For the innermost element of a serde reference path (a collection's item, a map's value). */
  static String of(ReferencePath innermost) {
    if (innermost instanceof CollectionItemReferencePath c) {
      return of(c.collectionArgument().getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT));
    }
    if (innermost instanceof MapItemReferencePath m) {
      Argument<?>[] vars = m.mapArgument().getTypeParameters();
      return of(vars.length == 2 ? vars[1] : Argument.OBJECT_ARGUMENT);
    }
    return of(innermost.getArgument());
  }

  static String of(Argument<?> argument) {
    Class<?> type = argument.getWrapperType();
    if (CharSequence.class.isAssignableFrom(type)
        || type == java.util.UUID.class
        || type == URI.class
        || type == Character.class) {
      return "must be a string";
    }
    if (type == Integer.class
        || type == Long.class
        || type == Short.class
        || type == Byte.class
        || type == java.math.BigInteger.class) {
      return "must be an integer";
    }
    if (Number.class.isAssignableFrom(type)) {
      return "must be a number";
    }
    if (type == Boolean.class) {
      return "must be true or false";
    }
    if (type.isEnum()) {
      return "must be one of "
          + String.join(", ", Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "must be an ISO-8601 date or date-time string";
    }
    if (type.isArray()
        || Collection.class.isAssignableFrom(type)
        || Iterable.class.isAssignableFrom(type)) {
      return "must be an array";
    }
    if (type == Object.class) {
      return "is not valid";
    }
    return "must be an object";
  }
}
