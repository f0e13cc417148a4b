package dev.topgun.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one path of an execution is: the top level, a Parallel branch or a Map iteration. Every
 * field is plain data so that an execution, written to disk between any two steps, resumes where it
 * was.
 */
public final class Frame {

  /** What the frame waits for. */
  public enum Phase {
    /** About to enter {@link #state} with {@link #input}. */
    ENTER,
    /** A Task's service call is under way (for a token task: its submission). */
    TASK,
    /** A token task was submitted and waits for SendTaskSuccess/Failure. */
    TOKEN,
    /** A Wait state, until {@link #wakeAt}. */
    WAIT,
    /** A failed state waits out its retry interval, until {@link #wakeAt}. */
    RETRY,
    /** A Parallel or Map state waits for its branches or iterations. */
    CHILDREN,
    SUCCEEDED,
    FAILED,
    ABORTED
  }

  public String id;

  /** The Parallel or Map frame this one is a branch or iteration of; {@code null} at the top. */
  public String parent;

  /** Index among the parent's branches or iterations. */
  public int index;

  /** The definition scope this frame's states live in (see {@link Definition#scope}). */
  public List<Object> scope = new ArrayList<>();

  public String state;

  /** The raw input of the current state. */
  public JsonNode input;

  /** The state's effective input (after InputPath), for Wait, Map and Parallel. */
  public JsonNode effective;

  public Phase phase = Phase.ENTER;
  public long enteredAt;
  public long lastEventId;

  /** Attempts used per retrier (by its index in Retry). */
  public Map<String, Integer> retries = new LinkedHashMap<>();

  public int retryCount;

  /**
   * Bumped whenever the frame starts waiting anew, so that stale callbacks and timers are ignored.
   */
  public long seq;

  // Task
  public JsonNode parameters;
  public String resource;
  public String token;
  public Long timeoutAt;
  public Long heartbeatAt;
  public Integer heartbeatSeconds;

  // Wait, and retry intervals
  public Long wakeAt;

  // Parallel and Map
  public List<String> children = new ArrayList<>();
  public JsonNode items;
  public int total;
  public int started;
  public int finished;
  public int maxConcurrency;
  public JsonNode results;

  // outcome
  public JsonNode output;
  public String error;
  public String cause;

  public boolean active() {
    return phase != Phase.SUCCEEDED && phase != Phase.FAILED && phase != Phase.ABORTED;
  }
}
