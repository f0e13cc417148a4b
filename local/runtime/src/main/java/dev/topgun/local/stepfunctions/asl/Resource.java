package dev.topgun.local.stepfunctions.asl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Task's {@code Resource}, in the forms the local engine serves: the optimized Lambda integration
 * ({@code arn:aws:states:::lambda:invoke}, and {@code .waitForTaskToken}), a Lambda function ARN as
 * the resource itself, and EventBridge's {@code arn:aws:states:::events:putEvents} (and {@code
 * .waitForTaskToken}).
 *
 * @param resourceType as history events name it: {@code lambda}, {@code events}
 * @param resource as history events name it: {@code invoke}, {@code invoke.waitForTaskToken},
 *     {@code putEvents}...; the function ARN for {@link Kind#LAMBDA_FUNCTION}
 */
public record Resource(
    String arn, Kind kind, boolean waitForTaskToken, String resourceType, String resource) {

  public enum Kind {
    LAMBDA_INVOKE,
    LAMBDA_FUNCTION,
    EVENTS_PUT_EVENTS
  }

  private static final Pattern INTEGRATION =
      Pattern.compile(
          "arn:aws:states:[a-z0-9-]*:[0-9]*:([a-z0-9-]+):([A-Za-z0-9]+)(\\.[A-Za-z]+)?");
  private static final Pattern FUNCTION =
      Pattern.compile(
          "arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?");

  /**
   * @throws IllegalArgumentException for a resource the local engine does not serve
   */
  public static Resource parse(String arn) {
    Matcher m = INTEGRATION.matcher(arn);
    if (m.matches()) {
      String service = m.group(1);
      String api = m.group(2);
      String pattern = m.group(3);
      boolean token = ".waitForTaskToken".equals(pattern);
      if (pattern != null && !token) {
        throw new IllegalArgumentException(
            "the local engine does not serve the integration pattern '" + pattern + "' of " + arn);
      }
      String name = api + (pattern == null ? "" : pattern);
      if (service.equals("lambda") && api.equals("invoke")) {
        return new Resource(arn, Kind.LAMBDA_INVOKE, token, "lambda", name);
      }
      if (service.equals("events") && api.equals("putEvents")) {
        return new Resource(arn, Kind.EVENTS_PUT_EVENTS, token, "events", name);
      }
      throw new IllegalArgumentException(
          "the local engine serves lambda:invoke and events:putEvents, not " + arn);
    }
    if (FUNCTION.matcher(arn).matches()) {
      return new Resource(arn, Kind.LAMBDA_FUNCTION, false, "lambda", arn);
    }
    throw new IllegalArgumentException(
        "the resource " + arn + " is not served by the local engine");
  }
}
