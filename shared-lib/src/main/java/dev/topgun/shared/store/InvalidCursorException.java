package dev.topgun.shared.store;

/**
 * A pagination cursor that this service did not issue for this query: garbled, altered, expired in
 * format, or issued for another partition or index. The client's input is wrong (HTTP 400).
 */
public final class InvalidCursorException extends StoreException {

  public InvalidCursorException(String reason) {
    super("Invalid pagination cursor: " + reason);
  }

  public InvalidCursorException(String reason, Throwable cause) {
    super("Invalid pagination cursor: " + reason, cause);
  }
}
