package dev.topgun.shared.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a batch of the table's changes to the function's {@link StreamConsumer} beans and answers
 * as a Lambda function with {@code ReportBatchItemFailures} does: the earliest record any consumer
 * could not take, from which the event source mapping retries the batch. A prototype, as {@code
 * EventDispatcher} is: an HTTP function never builds it.
 */
@Prototype
public class StreamDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(StreamDispatcher.class);

  private final List<StreamConsumer> consumers;

  @Inject
  public StreamDispatcher(BeanContext beans) {
    this(List.copyOf(beans.getBeansOfType(StreamConsumer.class)));
  }

  public StreamDispatcher(List<StreamConsumer> consumers) {
    this.consumers = consumers;
  }

  /**
   * Lambda's answer for a batch with partial failures ({@code batchItemFailures}; written also when
   * empty, which Lambda reads as "every record taken").
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record BatchResponse(List<ItemFailure> batchItemFailures) {}

  @Serdeable
  public record ItemFailure(String itemIdentifier) {}

  public BatchResponse dispatch(List<StreamRecord> records) {
    if (consumers.isEmpty()) {
      LOG.warn("No stream consumer in this function; {} records acknowledged", records.size());
      return new BatchResponse(List.of());
    }
    List<String> order = records.stream().map(StreamRecord::sequenceNumber).toList();
    Optional<String> first = Optional.empty();
    for (StreamConsumer consumer : consumers) {
      Optional<String> failed = consumer.accept(records);
      if (failed.isPresent()
          && (first.isEmpty() || order.indexOf(failed.get()) < order.indexOf(first.get()))) {
        first = failed;
      }
    }
    return new BatchResponse(first.map(seq -> List.of(new ItemFailure(seq))).orElse(List.of()));
  }
}
