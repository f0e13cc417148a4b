package dev.topgun.local.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cold start for {@code local/bench/cold-start}: loads a function's Lambda jar the way the
 * local runtime does, hands it one event, prints {@code answered <epoch-ms> status=<code>} and
 * stops the JVM at once, so the script measures the whole process from launch to the answer and
 * nothing of its shutdown.
 */
public final class ColdStartProbe {

  private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");

  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: ColdStartProbe <function> <lambda-jar> <event.json>");
      System.exit(2);
    }
    LambdaFunction function =
        LambdaFunction.open(
            args[0], Path.of(args[1]), "arn:aws:lambda:us-east-1:000000000000:function:" + args[0]);
    Invocation answer = function.invoke(Files.readAllBytes(Path.of(args[2])));
    long answeredAt = System.currentTimeMillis();
    Matcher status = STATUS.matcher(answer.payloadText());
    System.out.println(
        "answered "
            + answeredAt
            + " status="
            + (answer.failed() || !status.find() ? "error" : status.group(1)));
    System.out.flush();
    if (answer.failed() || !status.find(0) || !status.group(1).equals("200")) {
      System.err.println(answer.payloadText());
    }
    Runtime.getRuntime().halt(0);
  }
}
