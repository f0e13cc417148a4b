package dev.topgun.local;

import dev.topgun.emulators.Repo;
import dev.topgun.local.lambda.Invoker;
import dev.topgun.local.stepfunctions.Timeline;
import dev.topgun.shared.routes.EventRules;
import dev.topgun.shared.routes.RouteTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to run the local platform. {@link #fromEnvironment} is what {@code ./local/run} uses; tests
 * start from {@link #defaults()} with free ports ({@code 0}), a temporary data directory, their own
 * event rules, and an invoker that records what is delivered.
 *
 * @param port the HTTP API, Lambda Invoke API and EventBridge port
 * @param dynamoDbPort the DynamoDB emulator's port
 * @param cognitoPort the Cognito emulator's port
 * @param smtpPort the mail emulator's SMTP port
 * @param mailWebPort the mail emulator's web inbox and REST API port
 * @param s3Port the S3 emulator's port
 * @param dnsPort the local Route 53's name server (UDP and TCP) on 127.0.0.1
 * @param root the repository (functions are read from {@code functions/<name>/target})
 * @param dataDir where the emulators and the runtime keep their data across restarts
 * @param fresh wipe {@code dataDir} before starting
 * @param table the DynamoDB table
 * @param eventBus the EventBridge bus the rules are on
 * @param region the AWS region the functions are told they run in
 * @param operatorEmail the seeded operator's e-mail (and user name)
 * @param operatorPassword the seeded operator's password; {@code null} to generate one (and keep
 *     it)
 * @param routes the API route table
 * @param rules the EventBridge rules
 * @param invoker wraps the functions' invoker; every invocation goes through what it returns
 * @param schedulePeriod the period of every schedule instead of its own rate ({@code
 *     TOPGUN_SCHEDULE_PERIOD}, e.g. {@code 30s}); {@code null} for each schedule's rate
 * @param timeline the clock and timers of Step Functions (Wait states, retries, timeouts); {@code
 *     null} for the system's; tests pass a {@code ManualTimeline}
 * @param throttleTime the time the route throttles' buckets refill on; {@code null} for the
 *     system's; tests pass one that moves only when they move it
 */
public record LocalConfig(
    int port,
    int dynamoDbPort,
    int cognitoPort,
    int smtpPort,
    int mailWebPort,
    int s3Port,
    int dnsPort,
    Path root,
    Path dataDir,
    boolean fresh,
    String table,
    String eventBus,
    String region,
    String operatorEmail,
    String operatorPassword,
    RouteTable routes,
    EventRules rules,
    UnaryOperator<Invoker> invoker,
    Duration schedulePeriod,
    Timeline timeline,
    InstantSource throttleTime) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_DYNAMODB_PORT = 8000;
  public static final int DEFAULT_COGNITO_PORT = 9229;
  public static final int DEFAULT_SMTP_PORT = 1025;
  public static final int DEFAULT_MAIL_WEB_PORT = 1080;
  public static final int DEFAULT_S3_PORT = 4568;
  public static final int DEFAULT_DNS_PORT = 8053;
  public static final String DEFAULT_OPERATOR_EMAIL = "operator@topgun.local";

  public LocalConfig {
    checkPort("port", port);
    checkPort("dynamoDbPort", dynamoDbPort);
    checkPort("cognitoPort", cognitoPort);
    checkPort("smtpPort", smtpPort);
    checkPort("mailWebPort", mailWebPort);
    checkPort("s3Port", s3Port);
    checkPort("dnsPort", dnsPort);
    root = root.toAbsolutePath().normalize();
    dataDir = dataDir.toAbsolutePath().normalize();
    if (operatorEmail == null || !operatorEmail.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException(
          "operator e-mail is not an e-mail address: " + operatorEmail);
    }
    if (operatorPassword != null) {
      OperatorPassword.check(operatorPassword);
    }
    if (schedulePeriod != null && (schedulePeriod.isNegative() || schedulePeriod.isZero())) {
      throw new IllegalArgumentException("schedule period must be positive: " + schedulePeriod);
    }
  }

  /**
   * The standard ports, this repository, data in {@code local/.data}, the declared routes/rules.
   */
  public static LocalConfig defaults() {
    Path root = Repo.root();
    return new LocalConfig(
        DEFAULT_PORT,
        DEFAULT_DYNAMODB_PORT,
        DEFAULT_COGNITO_PORT,
        DEFAULT_SMTP_PORT,
        DEFAULT_MAIL_WEB_PORT,
        DEFAULT_S3_PORT,
        DEFAULT_DNS_PORT,
        root,
        root.resolve("local").resolve(".data"),
        false,
        "topgun",
        "topgun",
        "us-east-1",
        DEFAULT_OPERATOR_EMAIL,
        null,
        RouteTable.load(),
        EventRules.load(),
        UnaryOperator.identity(),
        null,
        null,
        null);
  }

  /**
   * The configuration of {@code ./local/run}: {@code TOPGUN_PORT}, {@code TOPGUN_DYNAMODB_PORT},
   * {@code TOPGUN_COGNITO_PORT}, {@code TOPGUN_SMTP_PORT}, {@code TOPGUN_MAIL_WEB_PORT}, {@code
   * TOPGUN_S3_PORT}, {@code TOPGUN_DNS_PORT}, {@code TOPGUN_TABLE}, {@code TOPGUN_OPERATOR_EMAIL},
   * {@code TOPGUN_OPERATOR_PASSWORD}, {@code TOPGUN_DATA_DIR}, {@code TOPGUN_SCHEDULE_PERIOD}; the
   * argument {@code --fresh}.
   */
  public static LocalConfig fromEnvironment(Map<String, String> env, List<String> args) {
    LocalConfig config = defaults();
    for (String arg : args) {
      if (arg.equals("--fresh")) {
        config = config.withFresh(true);
      } else {
        throw new IllegalArgumentException("unknown argument " + arg + " (known: --fresh)");
      }
    }
    return config.with(
        b -> {
          b.port = port(env, "TOPGUN_PORT", b.port);
          b.dynamoDbPort = port(env, "TOPGUN_DYNAMODB_PORT", b.dynamoDbPort);
          b.cognitoPort = port(env, "TOPGUN_COGNITO_PORT", b.cognitoPort);
          b.smtpPort = port(env, "TOPGUN_SMTP_PORT", b.smtpPort);
          b.mailWebPort = port(env, "TOPGUN_MAIL_WEB_PORT", b.mailWebPort);
          b.s3Port = port(env, "TOPGUN_S3_PORT", b.s3Port);
          b.dnsPort = port(env, "TOPGUN_DNS_PORT", b.dnsPort);
          if (env.containsKey("TOPGUN_DATA_DIR")) {
            b.dataDir = Path.of(env.get("TOPGUN_DATA_DIR"));
          }
          b.table = env.getOrDefault("TOPGUN_TABLE", b.table);
          b.operatorEmail = env.getOrDefault("TOPGUN_OPERATOR_EMAIL", b.operatorEmail);
          b.operatorPassword = blankToNull(env.get("TOPGUN_OPERATOR_PASSWORD"));
          if (blankToNull(env.get("TOPGUN_SCHEDULE_PERIOD")) != null) {
            b.schedulePeriod = period("TOPGUN_SCHEDULE_PERIOD", env.get("TOPGUN_SCHEDULE_PERIOD"));
          }
        });
  }

  /** Every port at once; tests pass 0 to each for free ports. */
  public LocalConfig withPorts(
      int port, int dynamoDbPort, int cognitoPort, int smtpPort, int mailWebPort) {
    return with(
        b -> {
          b.port = port;
          b.dynamoDbPort = dynamoDbPort;
          b.cognitoPort = cognitoPort;
          b.smtpPort = smtpPort;
          b.mailWebPort = mailWebPort;
        });
  }

  /** Free ports for every service, as tests want. */
  public LocalConfig withFreePorts() {
    return withPorts(0, 0, 0, 0, 0).withS3Port(0).withDnsPort(0);
  }

  public LocalConfig withS3Port(int s3Port) {
    return with(b -> b.s3Port = s3Port);
  }

  /** The name server's port (0 for a free one). */
  public LocalConfig withDnsPort(int dnsPort) {
    return with(b -> b.dnsPort = dnsPort);
  }

  public LocalConfig withDataDir(Path dataDir) {
    return with(b -> b.dataDir = dataDir);
  }

  public LocalConfig withFresh(boolean fresh) {
    return with(b -> b.fresh = fresh);
  }

  public LocalConfig withRoutes(RouteTable routes) {
    return with(b -> b.routes = routes);
  }

  public LocalConfig withRules(EventRules rules) {
    return with(b -> b.rules = rules);
  }

  public LocalConfig withInvoker(UnaryOperator<Invoker> invoker) {
    return with(b -> b.invoker = invoker);
  }

  /** Every schedule fires with this period instead of its own rate. */
  public LocalConfig withSchedulePeriod(Duration period) {
    return with(b -> b.schedulePeriod = period);
  }

  /** Step Functions runs on this clock and these timers (tests: a {@code ManualTimeline}). */
  public LocalConfig withTimeline(Timeline timeline) {
    return with(b -> b.timeline = timeline);
  }

  /** The route throttles refill on this time (tests: one that moves only when they move it). */
  public LocalConfig withThrottleTime(InstantSource time) {
    return with(b -> b.throttleTime = time);
  }

  /** A copy with some components changed; the canonical constructor checks the result. */
  private LocalConfig with(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  private static final class Copy {
    int port;
    int dynamoDbPort;
    int cognitoPort;
    int smtpPort;
    int mailWebPort;
    int s3Port;
    int dnsPort;
    Path root;
    Path dataDir;
    boolean fresh;
    String table;
    String eventBus;
    String region;
    String operatorEmail;
    String operatorPassword;
    RouteTable routes;
    EventRules rules;
    UnaryOperator<Invoker> invoker;
    Duration schedulePeriod;
    Timeline timeline;
    InstantSource throttleTime;

    Copy(LocalConfig c) {
      port = c.port;
      dynamoDbPort = c.dynamoDbPort;
      cognitoPort = c.cognitoPort;
      smtpPort = c.smtpPort;
      mailWebPort = c.mailWebPort;
      s3Port = c.s3Port;
      dnsPort = c.dnsPort;
      root = c.root;
      dataDir = c.dataDir;
      fresh = c.fresh;
      table = c.table;
      eventBus = c.eventBus;
      region = c.region;
      operatorEmail = c.operatorEmail;
      operatorPassword = c.operatorPassword;
      routes = c.routes;
      rules = c.rules;
      invoker = c.invoker;
      schedulePeriod = c.schedulePeriod;
      timeline = c.timeline;
      throttleTime = c.throttleTime;
    }

    LocalConfig build() {
      return new LocalConfig(
          port,
          dynamoDbPort,
          cognitoPort,
          smtpPort,
          mailWebPort,
          s3Port,
          dnsPort,
          root,
          dataDir,
          fresh,
          table,
          eventBus,
          region,
          operatorEmail,
          operatorPassword,
          routes,
          rules,
          invoker,
          schedulePeriod,
          timeline,
          throttleTime);
    }
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a port number: " + value, e);
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT30S}). */
  static Duration period(String name, String value) {
    String text = value.trim();
    try {
      if (text.startsWith("P") || text.startsWith("p")) {
        return Duration.parse(text);
      }
      Matcher m = Pattern.compile("([0-9]+)(ms|s|m|h)").matcher(text);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " is not a period such as 30s, 500ms, 5m or PT30S: " + value);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be 0-65535: " + port);
    }
  }
}
