package dev.topgun.branding.consumers;

import dev.topgun.branding.domain.HostnameService;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.events.EventConsumer;
import dev.topgun.shared.events.ReceivedEvent;
import jakarta.inject.Singleton;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The daily schedule: re-checks verified hostnames' proofs (declared in event-rules.json). */
@Singleton
class HostnameRecheck implements EventConsumer {

  static final String NAME = "branding-hostname-recheck";

  private static final Logger LOG = LoggerFactory.getLogger(HostnameRecheck.class);

  private final HostnameService hostnames;

  HostnameRecheck(HostnameService hostnames) {
    this.hostnames = hostnames;
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
    int suspended = hostnames.recheck(new AuditContext("schedule:" + NAME, null, event.eventId()));
    if (suspended > 0) {
      LOG.info("suspended {} hostname(s) whose proof disappeared", suspended);
    }
  }
}
