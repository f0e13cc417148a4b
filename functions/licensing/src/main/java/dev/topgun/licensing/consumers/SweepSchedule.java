package dev.topgun.licensing.consumers;

import dev.topgun.licensing.domain.ExpirySweep;
import dev.topgun.shared.events.EventConsumer;
import dev.topgun.shared.events.ReceivedEvent;
import jakarta.inject.Singleton;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code licensing-sweep} schedule ({@code event-rules.json}, every 15 minutes): runs {@link
 * ExpirySweep}. A sweep that fails is delivered again; one that ran twice announces nothing twice
 * (each notice is recorded on its license in the write that announces it).
 */
@Singleton
class SweepSchedule implements EventConsumer {

  static final String NAME = "licensing-sweep";

  private static final Logger LOG = LoggerFactory.getLogger(SweepSchedule.class);

  private final ExpirySweep sweep;

  SweepSchedule(ExpirySweep sweep) {
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
    int announced = sweep.run();
    if (announced > 0) {
      LOG.info("announced {} license notice(s)", announced);
    }
  }
}
