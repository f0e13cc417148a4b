package dev.topgun.shared.store;

/**
 * A write or read the table refused for a reason the caller can act on (a taken value, a stale
 * version, a reached limit, a bad cursor). The HTTP edge maps each subtype to a problem+json
 * response; none of them means the service failed.
 */
public abstract class StoreException extends RuntimeException {

  protected StoreException(String message) {
    super(message);
  }

  protected StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
