package dev.topgun.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The {@link Context} of one invocation, with the values Lambda gives a function. */
final class LocalContext implements Context {

  private final String requestId;
  private final String functionName;
  private final String functionArn;
  private final int memoryMb;
  private final long deadlineNanos;
  private final LambdaLogger logger;

  LocalContext(
      String requestId, String functionName, String functionArn, int memoryMb, Duration timeout) {
    this.requestId = requestId;
    this.functionName = functionName;
    this.functionArn = functionArn;
    this.memoryMb = memoryMb;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    this.logger = new PrefixLogger("[" + functionName + "] ", System.out);
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local/[$LATEST]" + requestId;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return functionArn;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  private record PrefixLogger(String prefix, PrintStream out) implements LambdaLogger {
    @Override
    public void log(String message) {
      out.println(prefix + message);
    }

    @Override
    public void log(byte[] message) {
      log(new String(message, StandardCharsets.UTF_8));
    }
  }
}
