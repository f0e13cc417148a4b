package dev.topgun.local.lambda;

/**
 * Runs a function by name with a JSON payload, as the Lambda service does. The Lambda Invoke API,
 * the HTTP API and EventBridge deliveries all go through one invoker, so a test can put a recording
 * one in front of the functions (see {@code LocalConfig.withInvoker}).
 */
public interface Invoker {

  /** Whether a function of this name exists (the Invoke API answers 404 otherwise). */
  boolean exists(String function);

  /**
   * Runs the function synchronously.
   *
   * @throws FunctionNotFoundException when no function has that name
   */
  Invocation invoke(String function, byte[] payload);
}
