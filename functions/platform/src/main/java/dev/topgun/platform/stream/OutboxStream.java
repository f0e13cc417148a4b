package dev.topgun.platform.stream;

import dev.topgun.platform.domain.OutboxRelay;
import dev.topgun.shared.events.Outbox;
import dev.topgun.shared.events.OutboxItem;
import dev.topgun.shared.metrics.FunctionMetrics;
import dev.topgun.shared.streams.StreamConsumer;
import dev.topgun.shared.streams.StreamRecord;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's input: the table's stream, of which it takes the outbox items as they are inserted
 * (the event source mapping filters on the same, see {@code event-rules.json} "streams"; the check
 * here keeps a mapping without the filter correct too). An item that cannot be read as an event is
 * logged and skipped, rather than holding up every later event of its organization forever.
 */
@Singleton
public class OutboxStream implements StreamConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxStream.class);

  private final OutboxRelay relay;

  public OutboxStream(OutboxRelay relay) {
    this.relay = relay;
  }

  @Override
  public Optional<String> accept(List<StreamRecord> records) {
    List<OutboxRelay.Pending> pending = new ArrayList<>();
    for (StreamRecord record : records) {
      if (record.eventName() != StreamRecord.Change.INSERT
          || !OutboxItem.TYPE.equals(record.itemType())) {
        continue;
      }
      try {
        pending.add(
            new OutboxRelay.Pending(
                record.sequenceNumber(),
                Outbox.fromItem(OutboxItem.SCHEMA.mapToItem(record.newImage()))));
      } catch (RuntimeException e) {
        LOG.error("Outbox item {} is not an event and is skipped: {}", record.keys(), e.toString());
      }
    }
    Optional<String> retryFrom = relay.relay(pending);
    int relayed = retryFrom.map(position -> positionOf(pending, position)).orElse(pending.size());
    FunctionMetrics.record("OutboxEventsRelayed", relayed);
    if (retryFrom.isPresent()) {
      FunctionMetrics.record("OutboxRelayRetries", 1);
    }
    return retryFrom;
  }

  private static int positionOf(List<OutboxRelay.Pending> pending, String position) {
    for (int i = 0; i < pending.size(); i++) {
      if (pending.get(i).position().equals(position)) {
        return i;
      }
    }
    return 0;
  }
}
