package dev.topgun.licensing.api;

import dev.topgun.shared.events.EventConsumer;
import dev.topgun.shared.events.ReceivedEvent;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * The {@code licensing-sweep} schedule ({@code event-rules.json}, every 15 minutes): runs {@link
 * LicenseSweep}. A sweep that fails is delivered again; one that ran twice announces nothing twice
 * (each notice is recorded on its license before it is published).
 */
@Singleton
class SweepSchedule implements EventConsumer {

  static final String NAME = "licensing-sweep";

  private final LicenseSweep sweep;

  SweepSchedule(LicenseSweep sweep) {
    this.sweep = sweep;
  }

  @Override
  public String source() {
    return ReceivedEvent.SCHEDULE_SOURCE;
  }

  @Override
  public Set<String> detailTypes() {
    return Set.of(NAME);
  }

  @Override
  public void accept(ReceivedEvent event) {
    sweep.run();
  }
}
