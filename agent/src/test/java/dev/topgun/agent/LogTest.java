package dev.topgun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogTest {

  @Test
  void aLine_carriesTimeLevelTheGivenNameAndMessage_andNoClassOrPackageName() {
    // given
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Handler handler = Log.install(new PrintStream(bytes, true, StandardCharsets.UTF_8), "acme-mon");

    // when
    Logger.getLogger("agent.spool")
        .log(Level.WARNING, "cannot send", new IllegalStateException("boom"));
    handler.flush();

    // then
    String line = bytes.toString(StandardCharsets.UTF_8);
    assertThat(line)
        .matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ WARNING acme-mon: cannot send"
                + " \\(IllegalStateException\\)\\R");
    assertThat(line.toLowerCase()).doesNotContain("topgun", "dev.", "agent.spool");
  }
}
