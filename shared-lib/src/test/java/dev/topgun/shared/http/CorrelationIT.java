package dev.topgun.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.topgun.shared.http.Transport.Call;
import dev.topgun.shared.http.Transport.Reply;
import dev.topgun.shared.http.testapp.WidgetController;
import dev.topgun.shared.ids.Ids;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** Every request has a correlation id: in its logs, in its problems, echoed in its response. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrelationIT {

  private List<Transport> transports;

  @BeforeAll
  void start() {
    Map<String, Object> properties =
        Map.of(
            "topgun.domain", "test",
            "topgun.idempotency.enabled", false,
            "topgun.region", "us-east-1");
    transports = Transports.start(properties);
  }

  @AfterAll
  void stop() {
    transports.forEach(Transport::close);
  }

  Stream<Transport> transports() {
    return transports.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void theCallersIdIsEchoedAndInTheLogContextOfTheRequest(Transport transport) {
    // given
    String id = "corr-" + UUID.randomUUID();
    String name = "logged-" + transport.name();
    Logger logger = (Logger) LoggerFactory.getLogger(WidgetController.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);

    try {
      // when
      Reply reply =
          transport.send(
              Call.json("POST", "/test/widgets", "{\"name\": \"" + name + "\", \"quantity\": 1}")
                  .header(Correlation.HEADER, id));

      // then
      assertThat(reply.status()).isEqualTo(201);
      assertThat(reply.header(Correlation.HEADER)).contains(id);
      assertThat(logged.list)
          .filteredOn(e -> e.getFormattedMessage().equals("created widget " + name))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getMDCPropertyMap())
                      .containsEntry(Correlation.MDC_KEY, id)
                      .containsEntry("service", "test")
                      .containsKey("cold_start"));
    } finally {
      logger.detachAppender(logged);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void errorsCarryTheIdInHeaderAndBody(Transport transport) {
    // when
    Reply reply =
        transport.send(Call.of("GET", "/test/no-such-thing").header(Correlation.HEADER, "err-42"));

    // then
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.header(Correlation.HEADER)).contains("err-42");
    assertThat(reply.body()).contains("\"correlationId\":\"err-42\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void anUnsafeIdIsReplacedByANewOne(Transport transport) {
    // when
    Reply spaces =
        transport.send(Call.of("GET", "/test/widgets/1").header(Correlation.HEADER, "a b"));
    Reply overlong =
        transport.send(
            Call.of("GET", "/test/widgets/1").header(Correlation.HEADER, "x".repeat(129)));

    // then
    assertThat(spaces.header(Correlation.HEADER).orElseThrow()).isNotEqualTo("a b");
    assertThat(overlong.header(Correlation.HEADER).orElseThrow()).hasSizeLessThanOrEqualTo(128);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void withoutAnIdApiGatewaysRequestIdIsUsedElseANewUlid(Transport transport) {
    // when
    Reply reply = transport.send(Call.of("GET", "/test/widgets/1"));

    // then
    String id = reply.header(Correlation.HEADER).orElseThrow();
    if (transport instanceof LambdaTransport lambda) {
      assertThat(id).isEqualTo(lambda.lastEvent().getRequestContext().getRequestId());
    } else {
      assertThat(Ids.isValid(id)).as(id).isTrue();
    }
  }
}
