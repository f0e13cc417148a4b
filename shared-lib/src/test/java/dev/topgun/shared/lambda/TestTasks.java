package dev.topgun.shared.lambda;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * A workflow task for {@link FunctionHandlerIT}: it answers what it was given, and fails on cue.
 */
@Singleton
@Requires(property = "test.event-consumers", value = "true")
class TestTasks implements WorkflowTask {

  @Serdeable
  record Echo(String task, JsonNode input) {}

  @Override
  public String name() {
    return "echo";
  }

  @Override
  public Object run(JsonNode input) {
    if (input.get("fail") != null) {
      throw new IllegalStateException("asked to fail");
    }
    return new Echo(name(), input);
  }
}
