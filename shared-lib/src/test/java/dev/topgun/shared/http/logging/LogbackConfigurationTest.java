package dev.topgun.shared.http.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import org.junit.jupiter.api.Test;

class LogbackConfigurationTest {

  @Test
  void theSharedConfigurationWritesJsonToStdout() throws JoranException {
    // given
    URL config = getClass().getClassLoader().getResource("logback.xml");
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);

    // when
    configurator.doConfigure(config);

    // then
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .noneMatch(s -> s.getLevel() >= Status.WARN);
    OutputStreamAppender<?> appender =
        (OutputStreamAppender<?>)
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("JSON");
    assertThat(appender.getEncoder()).isInstanceOf(JsonLogEncoder.class);
    context.stop();
  }
}
