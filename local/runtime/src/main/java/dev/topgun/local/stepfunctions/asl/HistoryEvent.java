package dev.topgun.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event of an execution's history, as {@code GetExecutionHistory} gives it: {@code id} from 1,
 * {@code previousEventId} the event before it on the same path of the execution (a Parallel
 * branch's first event points at {@code ParallelStateStarted}), a type and its {@code
 * <member>EventDetails}.
 */
public final class HistoryEvent {
  public long id;
  public long previousEventId;
  public long timestamp;
  public String type;

  /** {@code taskScheduledEventDetails} and the like; {@code null} for events without details. */
  public String member;

  public ObjectNode details;

  public HistoryEvent() {}

  HistoryEvent(
      long id,
      long previousEventId,
      long timestamp,
      String type,
      String member,
      ObjectNode details) {
    this.id = id;
    this.previousEventId = previousEventId;
    this.timestamp = timestamp;
    this.type = type;
    this.member = member;
    this.details = details;
  }
}
