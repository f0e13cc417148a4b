package dev.topgun.agent.api;

import java.util.Map;

/** Work the API gave this server: {@code {"id", "type", "args"}}. */
public record Command(String id, String type, Map<String, Object> args) {

  public static final String COLLECT_FACTS = "collect-facts";
  public static final String ROTATE_CREDENTIAL = "rotate-credential";
  public static final String UNINSTALL = "uninstall";

  public Command {
    args = args == null ? Map.of() : Map.copyOf(args);
  }
}
