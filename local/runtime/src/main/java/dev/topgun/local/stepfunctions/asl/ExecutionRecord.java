package dev.topgun.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An execution as it is kept on disk, its history apart: what it is and where each path is. */
public final class ExecutionRecord {

  public enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABORTED
  }

  public String executionArn;
  public String stateMachineArn;
  public String stateMachineName;
  public String name;
  public String roleArn;

  /** The definition the execution started with: an update of the state machine does not move it. */
  public String definition;

  public Status status = Status.RUNNING;
  public long startDate;
  public Long stopDate;
  public String input;
  public String output;
  public String error;
  public String cause;
  public Long timeoutAt;
  public Map<String, Frame> frames = new LinkedHashMap<>();
  public long nextFrame;

  /** Tokens of tasks that ended, and how: {@code TIMED_OUT} or {@code CLOSED}. */
  public Map<String, String> closedTokens = new LinkedHashMap<>();

  /** How many events of the history this record goes with (the history file may hold more). */
  public long historyCount;

  public JsonNode inputJson() {
    return Run.parseJson(input);
  }
}
