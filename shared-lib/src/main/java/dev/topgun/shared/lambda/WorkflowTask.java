package dev.topgun.shared.lambda;

import io.micronaut.json.tree.JsonNode;

/**
 * A step a state machine asks a function to do: a bean named by {@link #name()}, invoked by a
 * Lambda Task whose payload is {@code {"task": "<name>", "input": {...}}} (see {@code
 * FunctionHandler}). What {@link #run} returns is serialized as the task's answer (the {@code
 * Payload} of Step Functions' {@code lambda:invoke} result); what it throws fails the invocation,
 * and the state machine sees the exception's class name as the error (its Retry and Catch decide).
 */
public interface WorkflowTask {

  /** Unique within the function, e.g. {@code health-check}. */
  String name();

  /**
   * @param input the payload's {@code input}, an empty object when it has none
   * @return a value the function's JSON mapper can write (a {@code @Serdeable} record)
   */
  Object run(JsonNode input);
}
