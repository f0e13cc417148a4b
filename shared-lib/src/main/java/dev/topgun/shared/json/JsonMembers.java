package dev.topgun.shared.json;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

/** Reading members of JSON documents that arrive from outside (events, messages). */
public final class JsonMembers {

  private JsonMembers() {}

  /**
   * The string member {@code member} of {@code node}; null when {@code node} is not an object, or
   * the member is missing or not a string.
   */
  public static @Nullable String text(@Nullable JsonNode node, String member) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode value = node.get(member);
    return value != null && value.isString() ? value.getStringValue() : null;
  }
}
