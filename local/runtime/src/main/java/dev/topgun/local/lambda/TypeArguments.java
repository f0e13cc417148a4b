package dev.topgun.local.lambda;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the actual type arguments a class gives a generic interface, through any depth of generic
 * superclasses (e.g. {@code RequestHandler<I, O>} of Micronaut's {@code
 * ApiGatewayProxyRequestEventFunction}), as the Lambda Java runtime does to pick the input type.
 */
final class TypeArguments {

  private TypeArguments() {}

  /**
   * The arguments, resolved as far as the hierarchy binds them; {@code null} if not implemented.
   */
  static Type[] of(Class<?> type, Class<?> genericInterface) {
    return search(type, genericInterface, Map.of());
  }

  /** The class a resolved type stands for; an unbound variable stands for its first bound. */
  static Class<?> erasure(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return erasure(p.getRawType());
    }
    if (type instanceof TypeVariable<?> v) {
      Type[] bounds = v.getBounds();
      return bounds.length == 0 ? Object.class : erasure(bounds[0]);
    }
    if (type instanceof GenericArrayType a) {
      return erasure(a.getGenericComponentType()).arrayType();
    }
    return Object.class;
  }

  private static Type[] search(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
    Class<?> raw;
    Map<TypeVariable<?>, Type> own = new HashMap<>();
    if (type instanceof ParameterizedType p) {
      raw = (Class<?>) p.getRawType();
      TypeVariable<?>[] variables = raw.getTypeParameters();
      Type[] actual = p.getActualTypeArguments();
      for (int i = 0; i < variables.length; i++) {
        own.put(variables[i], resolve(actual[i], bindings));
      }
    } else if (type instanceof Class<?> c) {
      raw = c;
    } else {
      return null;
    }
    if (raw == target) {
      TypeVariable<?>[] variables = raw.getTypeParameters();
      Type[] result = new Type[variables.length];
      for (int i = 0; i < variables.length; i++) {
        result[i] = own.getOrDefault(variables[i], variables[i]);
      }
      return result;
    }
    for (Type parent : raw.getGenericInterfaces()) {
      Type[] found = search(parent, target, own);
      if (found != null) {
        return found;
      }
    }
    Type superclass = raw.getGenericSuperclass();
    return superclass == null ? null : search(superclass, target, own);
  }

  private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
    if (type instanceof TypeVariable<?> v && bindings.containsKey(v)) {
      return bindings.get(v);
    }
    return type;
  }
}
