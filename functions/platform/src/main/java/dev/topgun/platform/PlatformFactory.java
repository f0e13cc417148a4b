package dev.topgun.platform;

import dev.topgun.platform.domain.DependencyCheck;
import dev.topgun.platform.domain.EventBus;
import dev.topgun.platform.domain.HealthService;
import dev.topgun.platform.domain.OutboxRelay;
import io.micronaut.context.annotation.Factory;
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
}
