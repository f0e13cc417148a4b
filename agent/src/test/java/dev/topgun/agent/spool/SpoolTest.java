package dev.topgun.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.agent.TestSamples;
import dev.topgun.agent.TestSamples.MutableClock;
import dev.topgun.agent.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

  private static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");
  private static final Duration DAY = Duration.ofHours(24);

  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(T0);

  private Spool spool() {
    return new Spool(dataDir, clock, DAY, 3);
  }

  private static List<Long> seqs(Spool.Batch batch) {
    return batch.samples().stream()
        .map(s -> Json.number(Json.parseObject(s), "seq").longValueExact())
        .toList();
  }

  private void appendEvery30s(Spool spool, int n) {
    for (int i = 0; i < n; i++) {
      spool.append(TestSamples.at(clock.instant()));
      clock.advance(Duration.ofSeconds(30));
    }
  }

  @Test
  void samples_getIncreasingSeqs_andComeBackOldestFirstInBatches() {
    // given
    Spool spool = spool();
    appendEvery30s(spool, 7);

    // when / then: batches of at most 3, in order, each gone once removed
    Spool.Batch first = spool.oldest().orElseThrow();
    assertThat(seqs(first)).containsExactly(1L, 2L, 3L);
    assertThat(spool.oldest().map(SpoolTest::seqs)).contains(List.of(1L, 2L, 3L));
    spool.remove(first);
    Spool.Batch second = spool.oldest().orElseThrow();
    assertThat(seqs(second)).containsExactly(4L, 5L, 6L);
    spool.remove(second);
    Spool.Batch third = spool.oldest().orElseThrow();
    assertThat(seqs(third)).containsExactly(7L);
    spool.remove(third);
    assertThat(spool.oldest()).isEmpty();
    assertThat(spool.pending()).isZero();
  }

  @Test
  void storedSample_isTheWireFormWithSeqAndAt() {
    Spool spool = spool();
    spool.append(TestSamples.at(T0));

    String line = spool.oldest().orElseThrow().samples().get(0);

    assertThat(Json.parseObject(line))
        .containsEntry("seq", new BigDecimal(1))
        .containsEntry("at", "2026-12-04T00:00:00Z")
        .containsEntry("memoryUsedMb", new BigDecimal(1024));
  }

  @Test
  void aRestartedAgent_findsTheBacklog_andKeepsNumbering() {
    // given 4 samples of which the first 3 were acknowledged
    Spool before = spool();
    appendEvery30s(before, 4);
    before.remove(before.oldest().orElseThrow());

    // when the agent restarts
    Spool after = spool();

    // then
    assertThat(seqs(after.oldest().orElseThrow())).containsExactly(4L);
    after.remove(after.oldest().orElseThrow());
    Spool again = spool();
    assertThat(again.append(TestSamples.at(clock.instant()))).isEqualTo(5L);
  }

  @Test
  void samplesOlderThanTheRetention_areDroppedAndCounted() {
    // given 5 samples 30 s apart, then 24 h pass from the third one
    Spool spool = spool();
    appendEvery30s(spool, 5);
    clock.advance(DAY.minusSeconds(90).plusMillis(1));

    // when
    Spool.Batch batch = spool.oldest().orElseThrow();

    // then samples 1..3 are past the cutoff
    assertThat(seqs(batch)).containsExactly(4L, 5L);
    assertThat(spool.dropped()).isEqualTo(3);
    assertThat(spool.pending()).isEqualTo(2);
  }

  @Test
  void removingABatch_keepsSamplesAppendedToItsSegmentMeanwhile() {
    // given a batch read while its segment still had room
    Spool spool = spool();
    appendEvery30s(spool, 1);
    Spool.Batch batch = spool.oldest().orElseThrow();
    appendEvery30s(spool, 1);

    // when
    spool.remove(batch);

    // then
    assertThat(seqs(spool.oldest().orElseThrow())).containsExactly(2L);
  }

  @Test
  void aLineCutShortByACrash_isSkipped_andTheNextSampleStillReads() throws IOException {
    // given a segment whose last line was cut short
    Spool spool = spool();
    appendEvery30s(spool, 1);
    Path segment;
    try (Stream<Path> files = Files.list(dataDir.resolve("spool"))) {
      segment = files.findFirst().orElseThrow();
    }
    Files.writeString(
        segment, "{\"seq\":2,\"at\":\"20", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    // when a restarted agent appends
    Spool after = spool();
    long seq = after.append(TestSamples.at(clock.instant()));

    // then
    assertThat(seq).isEqualTo(2L);
    assertThat(seqs(after.oldest().orElseThrow())).containsExactly(1L, 2L);
    assertThat(after.dropped()).isEqualTo(1);
  }
}
