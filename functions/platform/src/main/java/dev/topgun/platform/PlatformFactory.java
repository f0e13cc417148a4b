package dev.topgun.platform;

import dev.topgun.platform.domain.DependencyCheck;
import dev.topgun.platform.domain.EventBus;
import dev.topgun.platform.domain.HealthService;
import dev.topgun.platform.domain.OutboxRelay;
import dev.topgun.platform.domain.ReadAccess;
import dev.topgun.platform.domain.RealtimeClients;
import dev.topgun.platform.domain.RealtimeConnections;
import dev.topgun.platform.domain.RealtimeService;
import dev.topgun.platform.domain.SignIns;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** Wires the plain-Java domain services to the adapters Micronaut provides. */
@Factory
public class PlatformFactory {

  @Singleton
  HealthService healthService(
      List<DependencyCheck> checks,
      @Named(TaskExecutors.BLOCKING) ExecutorService executor,
      Clock clock) {
    return new HealthService(checks, executor, clock);
  }

  @Singleton
  OutboxRelay outboxRelay(EventBus bus) {
    return new OutboxRelay(bus);
  }

  /** The console's live channel, where the WebSocket API's endpoint is configured. */
  @Singleton
  @Requires(property = "topgun.realtime.endpoint")
  RealtimeService realtimeService(
      RealtimeConnections connections,
      ReadAccess access,
      RealtimeClients clients,
      SignIns signIns,
      Clock clock) {
    return new RealtimeService(connections, access, clients, signIns, clock);
  }
}
