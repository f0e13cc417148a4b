package dev.topgun.infra.config;

import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Declared patterns (event rules' patterns, stream filters) with their members sorted by name at
 * every level. The parsers keep them in {@code Map.copyOf} maps, whose order changes from one JVM
 * to the next; a template must not, or every deploy would see a changed filter.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  /** {@code value} with every map, at any depth, sorted by key; lists keep their order. */
  public static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((key, member) -> sorted.put(String.valueOf(key), sorted(member)));
      return sorted;
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>(list.size());
      list.forEach(item -> items.add(sorted(item)));
      return items;
    }
    return value;
  }

  /** As {@link #sorted(Object)}, for a pattern. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> sortedMap(Map<String, Object> pattern) {
    return (Map<String, Object>) sorted(pattern);
  }

  /** The sorted pattern as compact JSON, the form Lambda's {@code FilterCriteria} takes. */
  public static String write(Map<String, Object> pattern) {
    try {
      return ObjectMapper.getDefault().writeValueAsString(sorted(pattern));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
