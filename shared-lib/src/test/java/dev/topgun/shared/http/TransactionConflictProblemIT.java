package dev.topgun.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.emulators.DynamoDbControl;
import dev.topgun.shared.http.Transport.Call;
import dev.topgun.shared.http.Transport.Reply;
import dev.topgun.shared.http.testapp.ClaimsController;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.TopgunTable;
import dev.topgun.shared.store.Unique;
import dev.topgun.shared.testing.LocalTable;
import io.micronaut.json.JsonMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transactions that DynamoDB keeps cancelling because others hold their items reach the client as a
 * 409 problem, on the HTTP server and behind the Lambda handler; one conflict is retried away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionConflictProblemIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private List<Transport> transports;
  private JsonMapper json;
  private DynamoDbControl control;

  @BeforeAll
  void start() {
    Map<String, Object> properties = new HashMap<>(TABLE.properties());
    properties.put("topgun.domain", "test");
    transports = Transports.start(properties);
    json = transports.get(0).context().getBean(JsonMapper.class);
    control = DynamoDbControl.at(TABLE.endpoint());
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
  void conflictsOnEveryAttempt_areA409Problem(Transport transport) {
    // given
    String value = Ids.newId();
    control.injectTransactionConflicts(TABLE.name(), marker(value), 3);

    // when
    Reply reply = transport.send(Call.of("POST", "/test/claims/" + value));

    // then
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(409);
    assertThat(reply.contentType())
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    Map<String, Object> problem = reply.json(json);
    assertThat(problem)
        .containsEntry("type", "https://topgun.dev/problems/conflict")
        .containsEntry("status", 409)
        .containsEntry(
            "detail", "Concurrent requests changed the same resources. Retry the request.");
    assertThat(control.remainingTransactionConflicts(TABLE.name(), marker(value))).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void oneConflict_isRetriedAway(Transport transport) {
    // given
    String value = Ids.newId();
    control.injectTransactionConflicts(TABLE.name(), marker(value), 1);

    // when
    Reply reply = transport.send(Call.of("POST", "/test/claims/" + value));

    // then
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(204);
    assertThat(control.remainingTransactionConflicts(TABLE.name(), marker(value))).isZero();
  }

  private static Map<String, String> marker(String value) {
    ItemKey key = Unique.of(ClaimsController.KIND, value).key();
    return Map.of(TopgunTable.PK, key.pk(), TopgunTable.SK, key.sk());
  }
}
