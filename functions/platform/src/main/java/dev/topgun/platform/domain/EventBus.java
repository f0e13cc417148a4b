package dev.topgun.platform.domain;

import dev.topgun.shared.events.OutboundEvent;
import java.util.List;

/** The bus the relay puts the domains' events on (a port; EventBridge in AWS and locally). */
public interface EventBus {

  /**
   * Puts the events on the bus, in order.
   *
   * @throws BusRefusedException naming the first event the bus did not take; the events before it
   *     were taken, those after it may or may not have been
   */
  void put(List<OutboundEvent> events);

  /** The bus did not take some events, the first of which is {@code firstRefused}. */
  final class BusRefusedException extends RuntimeException {
    private final int firstRefused;

    public BusRefusedException(int firstRefused, String reason, Throwable cause) {
      super(reason, cause);
      this.firstRefused = firstRefused;
    }

    /** The index, in the list put, of the first event not taken. */
    public int firstRefused() {
      return firstRefused;
    }
  }
}
