package dev.topgun.infra.events;

import dev.topgun.infra.config.CanonicalJson;
import dev.topgun.infra.data.SingleTable;
import dev.topgun.shared.routes.EventRules;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * One Lambda event source mapping on the table's DynamoDB stream per {@code streams} entry of the
 * declared event rules (today {@code outbox-relay}: the outbox items, to platform's relay), the
 * same subscriptions the local runtime's stream poller serves:
 *
 * <ul>
 *   <li>from the oldest record ({@code TRIM_HORIZON}): an event written before the mapping existed,
 *       or while it was disabled, is still published;
 *   <li>the declared batch size and filter (Lambda's event filtering, so the function is only
 *       invoked for what it takes);
 *   <li>{@code ReportBatchItemFailures}: the function names the first record it did not publish and
 *       Lambda retries from there, never re-running the records before it;
 *   <li>retried until the record leaves the stream (24 hours): no retry limit, no age limit;
 *   <li>no bisecting: splitting a failed batch would run its second half while the first is
 *       pending, out of order;
 *   <li>one batch per shard at a time ({@link #PARALLELIZATION_FACTOR}): above one, Lambda keeps
 *       the order of each item (partition and sort key) only, and every outbox event is an item of
 *       its own under its organization's partition key, so an organization's events could overtake
 *       each other;
 *   <li>what is still undelivered when it expires is recorded (shard and sequence numbers, not the
 *       records) in the events' dead-letter queue.
 * </ul>
 */
public final class TableStreams extends Construct {

  /** Batches read from one shard at a time; see the class comment for why it is one. */
  static final int PARALLELIZATION_FACTOR = 1;

  /** {@code -1}: retried until the record expires from the stream. */
  static final int UNTIL_EXPIRED = -1;

  private final Map<String, CfnEventSourceMapping> mappings;

  /**
   * @param aliases each function's live alias, by module name
   * @param roles each function's role, by module name
   */
  public TableStreams(
      Construct scope,
      String id,
      List<EventRules.Stream> streams,
      Map<String, ? extends IFunction> aliases,
      Map<String, ? extends IRole> roles,
      SingleTable table,
      IQueue deadLetters) {
    super(scope, id);
    Map<String, CfnEventSourceMapping> built = new TreeMap<>();
    for (EventRules.Stream declared : streams) {
      IFunction alias = aliases.get(declared.function());
      IRole role = roles.get(declared.function());
      if (alias == null || role == null) {
        throw new IllegalArgumentException(
            "stream " + declared.name() + " -> unknown function " + declared.function());
      }
      // The mapping reads the stream and reports to the queue as the function's role, and
      // CloudFormation checks those permissions when it creates the mapping.
      table.grantStreamRead(role);
      role.addToPrincipalPolicy(
          PolicyStatement.Builder.create()
              .actions(List.of("sqs:SendMessage"))
              .resources(List.of(deadLetters.getQueueArn()))
              .build());
      CfnEventSourceMapping mapping =
          CfnEventSourceMapping.Builder.create(this, declared.name())
              .eventSourceArn(table.streamArn())
              .functionName(alias.getFunctionArn())
              .enabled(true)
              .startingPosition("TRIM_HORIZON")
              .batchSize(declared.batchSize())
              .filterCriteria(
                  CfnEventSourceMapping.FilterCriteriaProperty.builder()
                      .filters(
                          List.of(
                              CfnEventSourceMapping.FilterProperty.builder()
                                  .pattern(CanonicalJson.write(declared.filter()))
                                  .build()))
                      .build())
              .functionResponseTypes(List.of("ReportBatchItemFailures"))
              .maximumRetryAttempts(UNTIL_EXPIRED)
              .maximumRecordAgeInSeconds(UNTIL_EXPIRED)
              .bisectBatchOnFunctionError(false)
              .parallelizationFactor(PARALLELIZATION_FACTOR)
              .destinationConfig(
                  CfnEventSourceMapping.DestinationConfigProperty.builder()
                      .onFailure(
                          CfnEventSourceMapping.OnFailureProperty.builder()
                              .destination(deadLetters.getQueueArn())
                              .build())
                      .build())
              .build();
      mapping.getNode().addDependency(role.getNode().findChild("DefaultPolicy"));
      built.put(declared.name(), mapping);
    }
    this.mappings = Collections.unmodifiableMap(built);
  }

  /** Each declared stream's event source mapping, by the stream's name. */
  public Map<String, CfnEventSourceMapping> mappings() {
    return mappings;
  }
}
