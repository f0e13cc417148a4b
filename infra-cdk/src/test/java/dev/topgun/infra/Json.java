package dev.topgun.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/** Small readers for synthesized templates, where {@code Match} cannot express the question. */
public final class Json {

  private Json() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    return value instanceof List<?> ? (List<Object>) value : List.of(value);
  }

  /** The template's resources whose type is {@code type}, by logical id. */
  public static Map<String, Map<String, Object>> resources(
      Map<String, Object> template, String type) {
    return resources(template, (id, resource) -> type.equals(resource.get("Type")));
  }

  public static Map<String, Map<String, Object>> resources(
      Map<String, Object> template, BiPredicate<String, Map<String, Object>> filter) {
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    map(template.get("Resources"))
        .forEach(
            (id, resource) -> {
              if (filter.test(id, map(resource))) {
                found.put(id, map(resource));
              }
            });
    return found;
  }

  public static Map<String, Object> properties(Map<String, Object> resource) {
    Object properties = resource.get("Properties");
    return properties == null ? Map.of() : map(properties);
  }

  /** {@code {"Ref": id}}. */
  public static Map<String, Object> ref(String logicalId) {
    return Map.of("Ref", logicalId);
  }
}
