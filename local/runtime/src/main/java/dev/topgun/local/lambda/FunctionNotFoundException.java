package dev.topgun.local.lambda;

/**
 * No function of that name: the Lambda Invoke API answers 404 {@code ResourceNotFoundException}.
 */
public final class FunctionNotFoundException extends RuntimeException {

  private final String function;

  public FunctionNotFoundException(String function) {
    super("Function not found: " + function);
    this.function = function;
  }

  public String function() {
    return function;
  }
}
