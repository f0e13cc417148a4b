package dev.topgun.shared.streams;

import java.util.List;
import java.util.Optional;

/**
 * Takes the table's changes delivered to this function by its stream (in AWS a Lambda event source
 * mapping on the table's DynamoDB stream, locally the runtime's poller of the local stream): a
 * Micronaut bean in the function's application context, handed every batch by the function's one
 * entry point ({@code FunctionHandler}).
 *
 * <p>Records come in stream order: for one item — and for the items of one partition key — in the
 * order of their writes. A batch that fails is delivered again from the record named, and every
 * record after it again too; a consumer must therefore be idempotent per record.
 */
public interface StreamConsumer {

  /**
   * Takes one batch.
   *
   * @return the sequence number of the first record not taken (the event source mapping retries
   *     from it, records before it count as done), or empty when every record was taken
   */
  Optional<String> accept(List<StreamRecord> records);
}
