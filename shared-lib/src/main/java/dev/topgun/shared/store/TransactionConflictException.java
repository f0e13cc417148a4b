package dev.topgun.shared.store;

/**
 * Concurrent transactions on the same items kept cancelling this one; nothing was written and a
 * retry by the client may succeed (HTTP 409).
 */
public final class TransactionConflictException extends StoreException {

  public TransactionConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
