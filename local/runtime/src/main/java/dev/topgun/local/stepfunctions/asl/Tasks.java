package dev.topgun.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** The services a Task state calls: the engine hands over the resolved parameters. */
public interface Tasks {

  /**
   * Calls the resource with the Task's parameters (for a Lambda function ARN as the resource, the
   * state's effective input). Completes {@code callback} exactly once, on any thread; for a {@code
   * .waitForTaskToken} resource the success is the service's answer to the submission, and the task
   * then waits for its token.
   */
  void call(Resource resource, JsonNode parameters, Callback callback);

  interface Callback {
    void succeeded(JsonNode output);

    /** The error as Step Functions names it ({@code Lambda.ServiceException}, an errorType...). */
    void failed(String error, String cause);
  }
}
