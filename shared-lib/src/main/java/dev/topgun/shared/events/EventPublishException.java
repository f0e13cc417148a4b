package dev.topgun.shared.events;

import java.util.List;

/** Some events were still refused by EventBridge after the last retry; the others were sent. */
public class EventPublishException extends RuntimeException {

  private final transient List<Failure> failures;

  /** One event EventBridge did not take, with the error it gave for the last attempt. */
  public record Failure(String eventId, String name, String errorCode, String errorMessage) {}

  public EventPublishException(String message, List<Failure> failures) {
    super(message + ": " + failures);
    this.failures = List.copyOf(failures);
  }

  public List<Failure> failures() {
    return failures;
  }
}
