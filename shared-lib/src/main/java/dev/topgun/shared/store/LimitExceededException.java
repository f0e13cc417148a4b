package dev.topgun.shared.store;

/** A reservation on a counter would have taken it past its limit; nothing was reserved. */
public final class LimitExceededException extends StoreException {

  private final String counter;
  private final long limit;
  private final long usage;
  private final long requested;

  public LimitExceededException(String counter, long limit, long usage, long requested) {
    super(
        "Limit of "
            + limit
            + " for "
            + counter
            + " reached: "
            + usage
            + " in use, "
            + requested
            + " requested");
    this.counter = counter;
    this.limit = limit;
    this.usage = usage;
    this.requested = requested;
  }

  public String counter() {
    return counter;
  }

  public long limit() {
    return limit;
  }

  /** The counter's value when the reservation was refused. */
  public long usage() {
    return usage;
  }

  public long requested() {
    return requested;
  }
}
