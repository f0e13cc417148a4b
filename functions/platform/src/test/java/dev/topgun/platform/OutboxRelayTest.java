package dev.topgun.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.platform.domain.EventBus;
import dev.topgun.platform.domain.OutboxRelay;
import dev.topgun.shared.events.OutboundEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

  /** A bus that takes events until it has taken {@code capacity}, then refuses the rest. */
  static final class FakeBus implements EventBus {
    final List<OutboundEvent> taken = new ArrayList<>();
    final List<Integer> calls = new ArrayList<>();
    int capacity = Integer.MAX_VALUE;

    @Override
    public void put(List<OutboundEvent> events) {
      calls.add(events.size());
      for (int i = 0; i < events.size(); i++) {
        if (taken.size() == capacity) {
          throw new BusRefusedException(i, "full", null);
        }
        taken.add(events.get(i));
      }
    }
  }

  private static List<OutboxRelay.Pending> pending(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                new OutboxRelay.Pending(
                    "seq-" + i,
                    new OutboundEvent(
                        "event-" + i,
                        "topgun.test",
                        "Happened",
                        "{\"n\":" + i + "}",
                        List.of(),
                        "org-1",
                        Instant.EPOCH)))
        .toList();
  }

  @Test
  void everyEvent_isPutInStreamOrder_inCallsOfAtMostTen() {
    // given
    FakeBus bus = new FakeBus();
    List<OutboxRelay.Pending> pending = pending(23);

    // when
    Optional<String> failed = new OutboxRelay(bus).relay(pending);

    // then
    assertThat(failed).isEmpty();
    assertThat(bus.taken)
        .containsExactlyElementsOf(pending.stream().map(OutboxRelay.Pending::event).toList());
    assertThat(bus.calls).containsExactly(10, 10, 3);
  }

  @Test
  void whenTheBusRefusesAnEvent_theRelayStopsThere_andNamesItsPosition() {
    // given
    FakeBus bus = new FakeBus();
    bus.capacity = 13;

    // when
    Optional<String> failed = new OutboxRelay(bus).relay(pending(23));

    // then
    assertThat(failed).contains("seq-13");
    assertThat(bus.calls).containsExactly(10, 10);
  }

  @Test
  void aRetryFromTheNamedPosition_deliversTheRestInOrder() {
    // given
    FakeBus bus = new FakeBus();
    bus.capacity = 4;
    List<OutboxRelay.Pending> pending = pending(8);
    String retryFrom = new OutboxRelay(bus).relay(pending).orElseThrow();

    // when
    bus.capacity = Integer.MAX_VALUE;
    int from = pending.stream().map(OutboxRelay.Pending::position).toList().indexOf(retryFrom);
    Optional<String> failed = new OutboxRelay(bus).relay(pending.subList(from, pending.size()));

    // then
    assertThat(failed).isEmpty();
    assertThat(bus.taken)
        .extracting(OutboundEvent::eventId)
        .containsExactly(
            "event-0", "event-1", "event-2", "event-3", "event-4", "event-5", "event-6", "event-7");
  }

  @Test
  void nothingToRelay_callsNoBus() {
    FakeBus bus = new FakeBus();
    assertThat(new OutboxRelay(bus).relay(List.of())).isEmpty();
    assertThat(bus.calls).isEmpty();
  }
}
