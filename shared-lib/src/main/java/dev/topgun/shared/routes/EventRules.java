package dev.topgun.shared.routes;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EventBridge rules on the Topgun bus (classpath {@code topgun/event-rules.json}): an event
 * pattern and the functions it is delivered to; the schedules, each firing one function on a rate
 * or cron expression; and the functions fed the table's stream. The local runtime matches rules
 * with event-ruler, fires schedules and polls the local stream itself; infra-cdk creates rules,
 * scheduled rules and event source mappings.
 */
public final class EventRules {

  public static final String RESOURCE = "topgun/event-rules.json";

  /**
   * @param name unique rule name
   * @param eventPattern an EventBridge event pattern
   * @param targets function modules the matching events are delivered to
   */
  @Serdeable
  public record Rule(String name, Map<String, Object> eventPattern, List<String> targets) {
    public Rule {
      if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException("rule name must be 1-64 of [A-Za-z0-9._-]: " + name);
      }
      if (eventPattern == null || eventPattern.isEmpty()) {
        throw new IllegalArgumentException("rule " + name + " has no eventPattern");
      }
      if (targets == null || targets.isEmpty()) {
        throw new IllegalArgumentException("rule " + name + " has no targets");
      }
      eventPattern = Map.copyOf(eventPattern);
      targets = List.copyOf(targets);
    }

    /** The pattern as JSON, the form event-ruler and CloudFormation take. */
    public String eventPatternJson() {
      try {
        return ObjectMapper.getDefault().writeValueAsString(eventPattern);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * A function run on a schedule. It receives EventBridge's scheduled event ({@code source:
   * "aws.events"}, {@code detail-type: "Scheduled Event"}) with {@code detail: {"schedule":
   * "<name>"}}, and its {@code EventConsumer} takes it with source {@code aws.events} and the name
   * among its detail-types.
   *
   * @param name unique schedule name, the detail-type its consumer declares (e.g. {@code
   *     licensing-sweep})
   * @param expression an EventBridge schedule expression: {@code rate(15 minutes)} ({@code
   *     minute|minutes|hour|hours|day|days}, singular for 1) or {@code cron(…)} (six fields); the
   *     local runtime fires rates only
   * @param function the function module it runs
   */
  @Serdeable
  public record Schedule(String name, String expression, String function) {

    private static final Pattern RATE =
        Pattern.compile("rate\\(([1-9][0-9]{0,5}) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((\\S+\\s+){5}\\S+\\)");

    public Schedule {
      if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException("schedule name must be 1-64 of [A-Za-z0-9._-]: " + name);
      }
      if (function == null || function.isBlank()) {
        throw new IllegalArgumentException("schedule " + name + " has no function");
      }
      if (expression == null) {
        throw new IllegalArgumentException("schedule " + name + " has no expression");
      }
      Matcher rate = RATE.matcher(expression);
      if (rate.matches()) {
        boolean one = rate.group(1).equals("1");
        if (one == rate.group(2).endsWith("s")) {
          throw new IllegalArgumentException(
              "schedule "
                  + name
                  + ": EventBridge takes a singular unit for 1 and a plural one otherwise: "
                  + expression);
        }
      } else if (!CRON.matcher(expression).matches()) {
        throw new IllegalArgumentException(
            "schedule "
                + name
                + " needs rate(<n> <unit>) or cron(<6 fields>) as its expression: "
                + expression);
      }
    }

    /** The period of a {@code rate(…)} expression; empty for {@code cron(…)}. */
    public Optional<Duration> rate() {
      Matcher rate = RATE.matcher(expression);
      if (!rate.matches()) {
        return Optional.empty();
      }
      long n = Long.parseLong(rate.group(1));
      return Optional.of(
          switch (rate.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          });
    }
  }

  /**
   * A function fed the table's changes: in AWS a Lambda event source mapping on the table's
   * DynamoDB stream (from the oldest record, reporting batch item failures, retried until the
   * record leaves the stream, in order per partition key), locally the runtime's poller of the
   * local stream doing the same.
   *
   * @param name unique name
   * @param function the function module the batches go to ({@code StreamConsumer} beans)
   * @param filter the event source mapping's filter pattern over a stream record (Lambda's event
   *     filtering, the syntax of an EventBridge event pattern)
   * @param batchSize records per batch, 1 to 10,000 (default 100)
   */
  @Serdeable
  public record Stream(
      String name,
      String function,
      Map<String, Object> filter,
      @io.micronaut.core.annotation.Nullable Integer batchSize) {

    public static final int DEFAULT_BATCH_SIZE = 100;

    public Stream {
      if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException("stream name must be 1-64 of [A-Za-z0-9._-]: " + name);
      }
      if (function == null || function.isBlank()) {
        throw new IllegalArgumentException("stream " + name + " has no function");
      }
      if (filter == null || filter.isEmpty()) {
        throw new IllegalArgumentException(
            "stream " + name + " has no filter: every change of the table would reach it");
      }
      if (batchSize == null) {
        batchSize = DEFAULT_BATCH_SIZE;
      }
      if (batchSize < 1 || batchSize > 10_000) {
        throw new IllegalArgumentException(
            "stream " + name + ": batchSize must be 1 to 10000, not " + batchSize);
      }
      filter = Map.copyOf(filter);
    }

    /** The filter as JSON, the form Lambda's FilterCriteria and event-ruler take. */
    public String filterJson() {
      try {
        return ObjectMapper.getDefault().writeValueAsString(filter);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Serdeable
  record Document(
      String comment,
      List<Rule> rules,
      List<Schedule> schedules,
      @io.micronaut.core.annotation.Nullable List<Stream> streams) {}

  private final List<Rule> rules;
  private final List<Schedule> schedules;
  private final List<Stream> streams;

  private EventRules(List<Rule> rules, List<Schedule> schedules) {
    this(rules, schedules, List.of());
  }

  private EventRules(List<Rule> rules, List<Schedule> schedules, List<Stream> streams) {
    Set<String> names = new HashSet<>();
    for (Rule rule : rules) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException("rule declared twice: " + rule.name());
      }
    }
    Set<String> scheduleNames = new HashSet<>();
    for (Schedule schedule : schedules) {
      if (!scheduleNames.add(schedule.name())) {
        throw new IllegalArgumentException("schedule declared twice: " + schedule.name());
      }
    }
    Set<String> streamNames = new HashSet<>();
    for (Stream stream : streams) {
      if (!streamNames.add(stream.name())) {
        throw new IllegalArgumentException("stream declared twice: " + stream.name());
      }
    }
    this.rules = List.copyOf(rules);
    this.schedules = List.copyOf(schedules);
    this.streams = List.copyOf(streams);
  }

  public static EventRules load() {
    try (InputStream in = EventRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EventRules parse(InputStream json) throws IOException {
    Document document = ObjectMapper.getDefault().readValue(json, Document.class);
    if (document == null || document.rules() == null) {
      throw new IllegalArgumentException("event rules have no 'rules' array");
    }
    return new EventRules(
        document.rules(),
        document.schedules() == null ? List.of() : document.schedules(),
        document.streams() == null ? List.of() : document.streams());
  }

  public static EventRules of(List<Rule> rules) {
    return new EventRules(rules, List.of());
  }

  public static EventRules of(List<Rule> rules, List<Schedule> schedules) {
    return new EventRules(rules, schedules);
  }

  public List<Rule> rules() {
    return rules;
  }

  public List<Schedule> schedules() {
    return schedules;
  }

  public List<Stream> streams() {
    return streams;
  }

  /** A copy with {@code more} schedules. */
  public EventRules withSchedules(List<Schedule> more) {
    List<Schedule> all = new ArrayList<>(schedules);
    all.addAll(more);
    return new EventRules(rules, all, streams);
  }

  /** A copy with {@code more} stream subscriptions. */
  public EventRules withStreams(List<Stream> more) {
    List<Stream> all = new ArrayList<>(streams);
    all.addAll(more);
    return new EventRules(rules, schedules, all);
  }

  /** A copy with {@code more} rules. */
  public EventRules withRules(List<Rule> more) {
    List<Rule> all = new ArrayList<>(rules);
    all.addAll(more);
    return new EventRules(all, schedules, streams);
  }
}
