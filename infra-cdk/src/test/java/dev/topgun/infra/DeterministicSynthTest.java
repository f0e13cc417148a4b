package dev.topgun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two synths of the same sources give the same templates: no timestamps, no random ids. */
class DeterministicSynthTest {

  @Test
  void synthesizingTwice_givesIdenticalTemplates(@TempDir Path first, @TempDir Path second) {
    // given
    Synth.Synthesized one = Synth.topgun(first, false);

    // when
    Synth.Synthesized two = Synth.topgun(second, false);

    // then
    assertThat(two.stackNames()).isEqualTo(one.stackNames());
    for (String stack : one.stackNames()) {
      assertThat(two.json(stack)).as(stack).isEqualTo(one.json(stack));
    }
  }
}
