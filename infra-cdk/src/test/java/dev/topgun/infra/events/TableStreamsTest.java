package dev.topgun.infra.events;

import static dev.topgun.infra.Json.list;
import static dev.topgun.infra.Json.map;
import static dev.topgun.infra.Json.properties;
import static dev.topgun.infra.Json.resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.infra.Standalone;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.data.DataKey;
import dev.topgun.infra.data.SingleTable;
import dev.topgun.shared.routes.EventRules;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/** The table stream's event source mappings, from sample stream declarations. */
class TableStreamsTest {

  /** Members in the reverse of their sorted order, so the canonical filter has to reorder them. */
  static final Map<String, Object> FILTER = new LinkedHashMap<>();

  static {
    FILTER.put("eventName", List.of("INSERT", "MODIFY"));
    FILTER.put("dynamodb", Map.of("NewImage", Map.of("type", Map.of("S", List.of("INVOICE")))));
  }

  static final EventRules.Stream OUTBOX =
      new EventRules.Stream(
          "outbox-relay",
          "platform",
          Map.of("dynamodb", Map.of("NewImage", Map.of("type", Map.of("S", List.of("OUTBOX"))))),
          null);
  static final EventRules.Stream INVOICES =
      new EventRules.Stream("invoices", "platform", FILTER, 10);

  @TempDir static Path outdir;
  static Standalone synthesized;

  @BeforeAll
  static void synthesize() {
    synthesized =
        Standalone.synth(
            outdir,
            stack -> {
              StageConfig stage = StageConfig.dev();
              SingleTable table =
                  new SingleTable(stack, "Topgun", stage, new DataKey(stack, "Key", stage).key());
              Role role =
                  Role.Builder.create(stack, "PlatformRole")
                      .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                      .build();
              new TableStreams(
                  stack,
                  "Streams",
                  List.of(OUTBOX, INVOICES),
                  Map.of("platform", Standalone.importedPlatform(stack)),
                  Map.of("platform", role),
                  table,
                  new TopgunEvents(stack, "Events", stage).deadLetters());
            });
  }

  @Test
  void eachDeclaredStream_isOneMapping_withItsBatchSizeAndItsFilterInCanonicalOrder() {
    Map<String, Map<String, Object>> mappings =
        resources(synthesized.json(), "AWS::Lambda::EventSourceMapping");
    assertThat(mappings).hasSize(2);
    Map<Object, Object> patterns = new LinkedHashMap<>();
    for (Map<String, Object> mapping : mappings.values()) {
      Map<String, Object> properties = properties(mapping);
      assertThat(properties.get("FunctionName")).isEqualTo(Standalone.PLATFORM_ARN);
      Object pattern =
          map(list(map(properties.get("FilterCriteria")).get("Filters")).get(0)).get("Pattern");
      patterns.put(properties.get("BatchSize"), pattern);
    }
    // no batch size declared: the declarations' default, 100
    assertThat(patterns)
        .containsOnlyKeys(EventRules.Stream.DEFAULT_BATCH_SIZE, 10)
        .containsEntry(
            EventRules.Stream.DEFAULT_BATCH_SIZE,
            "{\"dynamodb\":{\"NewImage\":{\"type\":{\"S\":[\"OUTBOX\"]}}}}")
        // members sorted at every level, list items in their declared order
        .containsEntry(
            10,
            "{\"dynamodb\":{\"NewImage\":{\"type\":{\"S\":[\"INVOICE\"]}}},"
                + "\"eventName\":[\"INSERT\",\"MODIFY\"]}");
  }

  @Test
  void theFunctionsRole_readsTheStreamOnce_andMayRecordFailuresInTheDeadLetterQueue() {
    List<Object> statements =
        list(
            map(properties(
                        resources(synthesized.json(), "AWS::IAM::Policy").values().stream()
                            .findFirst()
                            .orElseThrow())
                    .get("PolicyDocument"))
                .get("Statement"));
    // two streams, one table: the grants are the same statement, which IAM keeps once
    assertThat(statements)
        .filteredOn(s -> list(map(s).get("Action")).contains("dynamodb:GetRecords"))
        .hasSize(1)
        .allSatisfy(
            s ->
                assertThat(map(map(s).get("Resource")).get("Fn::GetAtt"))
                    .isEqualTo(List.of(tableId(), "StreamArn")));
    assertThat(statements)
        .filteredOn(s -> "sqs:SendMessage".equals(map(s).get("Action")))
        .hasSize(1);
  }

  @Test
  void mappings_passCdkNag() {
    assertThat(synthesized.nagErrors()).isEmpty();
  }

  @Test
  void aStreamFeedingAnUnknownFunction_failsTheSynth_namingIt() {
    // given
    Stack stack = new Stack(new App(), "Streams");
    StageConfig stage = StageConfig.dev();
    SingleTable table =
        new SingleTable(stack, "Topgun", stage, new DataKey(stack, "Key", stage).key());

    // then
    assertThatThrownBy(
            () ->
                new TableStreams(
                    stack,
                    "Streams",
                    List.of(new EventRules.Stream("to-billing", "billing", FILTER, null)),
                    Map.of(),
                    Map.of(),
                    table,
                    new TopgunEvents(stack, "Events", stage).deadLetters()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream to-billing -> unknown function billing");
  }

  private static String tableId() {
    Map<String, Map<String, Object>> tables = resources(synthesized.json(), "AWS::DynamoDB::Table");
    assertThat(tables).hasSize(1);
    return tables.keySet().iterator().next();
  }
}
