package dev.topgun.local.stepfunctions.asl;

/**
 * An error of a state, named as Step Functions names them ({@code States.Timeout}, a Lambda
 * function's {@code errorType}, the {@code Error} of a Fail state...), with its cause. {@code
 * States.Runtime} is fatal: no Retry or Catch takes it, the execution fails.
 */
public final class StatesError extends RuntimeException {

  public static final String ALL = "States.ALL";
  public static final String RUNTIME = "States.Runtime";
  public static final String TIMEOUT = "States.Timeout";
  public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
  public static final String TASK_FAILED = "States.TaskFailed";
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
  public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";

  private final String error;
  private final String cause;

  public StatesError(String error, String cause) {
    super(error + (cause == null ? "" : ": " + cause), null, false, false);
    this.error = error;
    this.cause = cause;
  }

  /** A {@code States.Runtime} error: the execution fails, whatever the state's Catch says. */
  public static StatesError runtime(String cause) {
    return new StatesError(RUNTIME, cause);
  }

  public String error() {
    return error;
  }

  /** May be {@code null}, as a Fail state without Cause gives. */
  public String cause() {
    return cause;
  }

  public boolean fatal() {
    return RUNTIME.equals(error);
  }

  /**
   * Whether a Retry's or Catch's {@code ErrorEquals} entry takes this error: the name itself, or
   * {@code States.ALL} (every error but {@code States.Runtime}), or {@code States.TaskFailed}
   * (every error but the timeouts), or {@code States.Timeout} (a heartbeat timeout too, as the
   * States Language specification names it).
   */
  public boolean matches(String errorEquals) {
    if (fatal()) {
      return false;
    }
    return switch (errorEquals) {
      case ALL -> true;
      case TASK_FAILED -> !error.equals(TIMEOUT) && !error.equals(HEARTBEAT_TIMEOUT);
      case TIMEOUT -> error.equals(TIMEOUT) || error.equals(HEARTBEAT_TIMEOUT);
      default -> errorEquals.equals(error);
    };
  }
}
