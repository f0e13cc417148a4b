package dev.topgun.shared.routes;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EventBridge rules on the Topgun bus (classpath {@code topgun/event-rules.json}): an event
 * pattern and the functions it is delivered to. The local runtime matches them with event-ruler;
 * infra-cdk creates them as EventBridge rules.
 */
public final class EventRules {

  public static final String RESOURCE = "topgun/event-rules.json";

  /**
   * @param name unique rule name
   * @param eventPattern an EventBridge event pattern
   * @param targets function modules the matching events are delivered to
   */
  @Serdeable
  public record Rule(String name, Map<String, Object> eventPattern, List<String> targets) {
    public Rule {
      if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException("rule name must be 1-64 of [A-Za-z0-9._-]: " + name);
      }
      if (eventPattern == null || eventPattern.isEmpty()) {
        throw new IllegalArgumentException("rule " + name + " has no eventPattern");
      }
      if (targets == null || targets.isEmpty()) {
        throw new IllegalArgumentException("rule " + name + " has no targets");
      }
      eventPattern = Map.copyOf(eventPattern);
      targets = List.copyOf(targets);
    }

    /** The pattern as JSON, the form event-ruler and CloudFormation take. */
    public String eventPatternJson() {
      try {
        return ObjectMapper.getDefault().writeValueAsString(eventPattern);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Serdeable
  record Document(String comment, List<Rule> rules) {}

  private final List<Rule> rules;

  private EventRules(List<Rule> rules) {
    Set<String> names = new HashSet<>();
    for (Rule rule : rules) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException("rule declared twice: " + rule.name());
      }
    }
    this.rules = List.copyOf(rules);
  }

  public static EventRules load() {
    try (InputStream in = EventRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EventRules parse(InputStream json) throws IOException {
    Document document = ObjectMapper.getDefault().readValue(json, Document.class);
    if (document == null || document.rules() == null) {
      throw new IllegalArgumentException("event rules have no 'rules' array");
    }
    return new EventRules(document.rules());
  }

  public static EventRules of(List<Rule> rules) {
    return new EventRules(rules);
  }

  public List<Rule> rules() {
    return rules;
  }
}
