package dev.topgun.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.topgun.shared.http.Transport.Call;
import dev.topgun.shared.http.Transport.Reply;
import dev.topgun.shared.http.problem.ProblemErrorResponseProcessor;
import io.micronaut.json.JsonMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Every error a function can answer is application/problem+json with the right status and names
 * what is wrong, on the HTTP server and behind the Lambda handler alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemResponsesIT {

  static final long BODY_LIMIT = 4096;

  private List<Transport> transports;
  private JsonMapper json;

  @BeforeAll
  void start() {
    Map<String, Object> properties =
        Map.of(
            "topgun.domain", "test",
            "topgun.http.max-body-bytes", BODY_LIMIT,
            "topgun.region", "us-east-1",
            "aws.accessKeyId", "local",
            "aws.secretAccessKey", "local");
    transports = Transports.start(properties);
    json = transports.get(0).context().getBean(JsonMapper.class);
  }

  @AfterAll
  void stop() {
    transports.forEach(Transport::close);
  }

  Stream<Transport> transports() {
    return transports.stream();
  }

  // ---- request bodies ----------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void everyInvalidFieldIsListedWithItsJsonPath(Transport transport) {
    // given
    String body =
        """
        {"name": " ", "quantity": 0, "tags": ["ok", ""],
         "dimensions": {"width": -1, "height": null}, "stock": {"red": -1, "Blue": 2}}
        """;

    // when
    Reply reply = transport.send(Call.json("POST", "/test/widgets", body));

    // then
    Map<String, Object> problem = problem(reply, 400, "validation");
    assertThat(errors(problem))
        .containsExactly(
            Map.of("field", "dimensions.height", "message", "must not be null"),
            Map.of("field", "dimensions.width", "message", "must be greater than 0"),
            Map.of("field", "name", "message", "must not be blank"),
            Map.of("field", "quantity", "message", "must be greater than or equal to 1"),
            // A map's entries are members of a JSON object: a key names them, as a field does.
            Map.of("field", "stock.Blue", "message", "is not a colour name"),
            Map.of("field", "stock.red", "message", "must be greater than or equal to 0"),
            Map.of("field", "tags[1]", "message", "must not be blank"));
    assertThat(problem).containsEntry("instance", "/test/widgets");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void malformedJsonIsA400NamingThePosition(Transport transport) {
    // when
    Reply reply =
        transport.send(Call.json("POST", "/test/widgets", "{\"name\": \"a\",\n \"quantity\": }"));

    // then
    Map<String, Object> problem = problem(reply, 400, "malformed-json");
    assertThat(problem).containsEntry("line", 2).containsKey("column");
    assertThat((String) problem.get("detail")).contains("line 2, column");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aValueOfTheWrongTypeNamesTheField(Transport transport) {
    // when
    Reply reply =
        transport.send(
            Call.json("POST", "/test/widgets", "{\"name\": \"a\", \"quantity\": \"lots\"}"));

    // then
    assertThat(errors(problem(reply, 400, "validation")))
        .containsExactly(Map.of("field", "quantity", "message", "must be an integer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aNumberTooLargeForItsFieldIsOutOfRange(Transport transport) {
    // when
    Reply reply =
        transport.send(
            Call.json("POST", "/test/widgets", "{\"name\": \"a\", \"quantity\": 99999999999}"));

    // then
    assertThat(errors(problem(reply, 400, "validation")))
        .containsExactly(Map.of("field", "quantity", "message", "is out of range"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aNestedValueOfTheWrongTypeNamesItsPath(Transport transport) {
    // when
    Reply reply =
        transport.send(
            Call.json(
                "POST",
                "/test/widgets",
                "{\"name\": \"a\", \"quantity\": 1, \"dimensions\": {\"width\": \"wide\", \"height\": 1}}"));

    // then
    assertThat(errors(problem(reply, 400, "validation")))
        .containsExactly(Map.of("field", "dimensions.width", "message", "must be an integer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void anUnknownEnumValueListsTheAllowedOnes(Transport transport) {
    // when
    Reply reply =
        transport.send(
            Call.json(
                "POST",
                "/test/widgets",
                "{\"name\": \"a\", \"quantity\": 1, \"colour\": \"PURPLE\"}"));

    // then
    assertThat(errors(problem(reply, 400, "validation")))
        .containsExactly(Map.of("field", "colour", "message", "must be one of RED, GREEN, BLUE"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aBodyOfTheWrongShapeSaysWhatShapeIsExpected(Transport transport) {
    // when
    Reply reply = transport.send(Call.json("POST", "/test/widgets", "[1, 2]"));

    // then
    assertThat(problem(reply, 400, "validation"))
        .containsEntry("detail", "The request body must be an object.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void anUnknownPropertyIsRefusedByName(Transport transport) {
    // when
    Reply reply =
        transport.send(
            Call.json(
                "POST",
                "/test/widgets",
                "{\"name\": \"a\", \"quantity\": 1, \"shape\": \"round\"}"));

    // then
    assertThat(errors(problem(reply, 400, "validation")))
        .containsExactly(Map.of("field", "shape", "message", "is not a known property"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void anUnknownNestedPropertyIsRefusedByPath(Transport transport) {
    // when
    Reply reply =
        transport.send(
            Call.json(
                "POST",
                "/test/widgets",
                "{\"name\": \"a\", \"quantity\": 1, \"dimensions\": {\"width\": 1, \"height\": 1, \"depth\": 1}}"));

    // then
    assertThat(errors(problem(reply, 400, "validation")))
        .containsExactly(Map.of("field", "dimensions.depth", "message", "is not a known property"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aMissingBodyIsA400(Transport transport) {
    // when
    Reply reply =
        transport.send(Call.of("POST", "/test/widgets").header("Content-Type", "application/json"));

    // then
    problem(reply, 400, "missing-body");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void anUnsupportedMediaTypeIsA415(Transport transport) {
    // when
    Reply reply =
        transport.send(
            new Call("POST", "/test/widgets", Map.of("Content-Type", "text/plain"), "name=a"));

    // then
    Map<String, Object> problem = problem(reply, 415, "unsupported-media-type");
    assertThat((String) problem.get("detail")).contains("text/plain");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aBodyOverTheConfiguredLimitIsA413(Transport transport) {
    // given
    String name = "x".repeat((int) BODY_LIMIT);

    // when
    Reply reply =
        transport.send(
            Call.json("POST", "/test/widgets", "{\"name\": \"" + name + "\", \"quantity\": 1}"));

    // then
    assertThat(problem(reply, 413, "payload-too-large")).containsEntry("limit", (int) BODY_LIMIT);
  }

  // ---- routing and parameters ----------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void anUnknownRouteIsA404(Transport transport) {
    // when
    Reply reply = transport.send(Call.of("GET", "/test/nothing-here"));

    // then
    assertThat(problem(reply, 404, "not-found")).containsEntry("instance", "/test/nothing-here");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aWrongMethodIsA405WithAllow(Transport transport) {
    // when
    Reply reply = transport.send(Call.json("PATCH", "/test/widgets", "{}"));

    // then
    problem(reply, 405, "method-not-allowed");
    assertThat(reply.header("Allow").orElseThrow()).contains("POST").contains("GET");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aPathParameterOfTheWrongTypeIsNamed(Transport transport) {
    // when
    Reply reply = transport.send(Call.of("GET", "/test/widgets/abc"));

    // then
    assertThat(errors(problem(reply, 400, "invalid-parameter")))
        .containsExactly(Map.of("field", "id", "message", "must be an integer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aQueryParameterOfTheWrongTypeIsNamed(Transport transport) {
    // when
    Reply reply = transport.send(Call.of("GET", "/test/widgets?limit=lots"));

    // then
    assertThat(errors(problem(reply, 400, "invalid-parameter")))
        .containsExactly(Map.of("field", "limit", "message", "must be an integer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aMissingRequiredParameterIsNamed(Transport transport) {
    // when
    Reply reply = transport.send(Call.of("GET", "/test/widgets"));

    // then
    assertThat(errors(problem(reply, 400, "invalid-parameter")))
        .containsExactly(Map.of("field", "limit", "message", "is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aParameterOutOfBoundsIsAValidationProblem(Transport transport) {
    // when
    Reply reply = transport.send(Call.of("GET", "/test/widgets?limit=1&size=0"));

    // then
    assertThat(errors(problem(reply, 400, "validation")))
        .containsExactly(Map.of("field", "size", "message", "must be greater than or equal to 1"));
  }

  // ---- faults and domain errors --------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void anUnexpectedExceptionIsA500ThatLeaksNothingAndIsLoggedWithTheCorrelationId(
      Transport transport) {
    // given
    Logger logger = (Logger) LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);

    try {
      // when
      Reply reply =
          transport.send(
              Call.json("POST", "/test/widgets/fail", "{\"name\": \"boom\", \"quantity\": 1}")
                  .header(Correlation.HEADER, "corr-500-" + transport.name()));

      // then
      Map<String, Object> problem = problem(reply, 500, "internal");
      assertThat(reply.body())
          .doesNotContain("hunter2")
          .doesNotContain("db.internal")
          .doesNotContain("IllegalStateException");
      assertThat(problem).containsEntry("correlationId", "corr-500-" + transport.name());
      assertThat(logged.list)
          .anySatisfy(
              event -> {
                assertThat(event.getMDCPropertyMap())
                    .containsEntry(Correlation.MDC_KEY, "corr-500-" + transport.name());
                assertThat(event.getThrowableProxy().getClassName())
                    .isEqualTo(IllegalStateException.class.getName());
              });
    } finally {
      logger.detachAppender(logged);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aStatusThrownByAControllerKeepsItsStatusAndOnlyA4xxKeepsItsMessage(Transport transport) {
    // when
    Reply unavailable = transport.send(Call.of("GET", "/test/widgets/unavailable"));
    Reply forbidden = transport.send(Call.of("GET", "/test/widgets/forbidden"));

    // then
    problem(unavailable, 503, "service-unavailable");
    assertThat(unavailable.body()).doesNotContain("10.0.0.7");
    assertThat(problem(forbidden, 403, "forbidden"))
        .containsEntry("detail", "Only owners may see widgets.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aReachedLimitIsA409WithLimitAndUsage(Transport transport) {
    // when
    Reply reply = transport.send(Call.json("POST", "/test/widgets/limit", "{}"));

    // then
    assertThat(problem(reply, 409, "limit-exceeded"))
        .containsEntry("limit", 5)
        .containsEntry("usage", 5)
        .containsEntry("counter", "servers");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aTakenUniqueValueIsA409Conflict(Transport transport) {
    // when
    Reply reply = transport.send(Call.json("POST", "/test/widgets/taken", "{}"));

    // then
    assertThat(problem(reply, 409, "conflict")).containsEntry("constraint", "org-slug");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aVersionConflictIsA409AndWithIfMatchA412(Transport transport) {
    // given
    String body = "{\"name\": \"a\", \"quantity\": 1}";

    // when
    Reply plain = transport.send(Call.json("PUT", "/test/widgets/7", body));
    Reply conditional =
        transport.send(Call.json("PUT", "/test/widgets/7", body).header("If-Match", "\"3\""));

    // then
    Map<String, Object> conflict = problem(plain, 409, "version-conflict");
    assertThat(conflict.toString()).doesNotContain("ORG#");
    problem(conditional, 412, "precondition-failed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aForeignCursorIsA400(Transport transport) {
    // when
    Reply reply = transport.send(Call.of("GET", "/test/widgets/page?cursor=garbage"));

    // then
    problem(reply, 400, "invalid-cursor");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private Map<String, Object> problem(Reply reply, int status, String type) {
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
    assertThat(reply.contentType())
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    Map<String, Object> problem = reply.json(json);
    assertThat(problem)
        .containsEntry("type", "https://topgun.dev/problems/" + type)
        .containsEntry("status", status)
        .containsKey("title");
    return problem;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> errors(Map<String, Object> problem) {
    return (List<Map<String, Object>>) problem.get("errors");
  }
}
