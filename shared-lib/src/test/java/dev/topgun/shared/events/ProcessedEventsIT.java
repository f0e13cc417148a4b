package dev.topgun.shared.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.testing.LocalTable;
import dev.topgun.shared.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The processed-event records in a local table, with a clock the test moves. */
class ProcessedEventsIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  static final String CONSUMER = "dev.topgun.testing.SomeConsumer";
  static final Duration LOCK = Duration.ofSeconds(30);

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T12:00:00Z"));
  private final ProcessedEvents processed =
      new ProcessedEvents(TABLE.client(), TABLE.table(), clock, Duration.ofDays(7));

  @Test
  void claimedEvent_isBusyForOthers_untilCompleted_thenDone() {
    // when
    ProcessedEvents.Claim first = processed.claim(CONSUMER, "evt-1", LOCK);
    ProcessedEvents.Claim meanwhile = processed.claim(CONSUMER, "evt-1", LOCK);
    processed.complete((ProcessedEvents.Claim.Claimed) first);
    ProcessedEvents.Claim after = processed.claim(CONSUMER, "evt-1", LOCK);

    // then
    assertThat(first).isInstanceOf(ProcessedEvents.Claim.Claimed.class);
    assertThat(meanwhile).isEqualTo(new ProcessedEvents.Claim.Busy(clock.instant().plus(LOCK)));
    assertThat(after).isInstanceOf(ProcessedEvents.Claim.Done.class);
    Map<String, AttributeValue> item = item("evt-1");
    assertThat(item)
        .containsEntry("type", AttributeValue.fromS("ProcessedEvent"))
        .containsEntry("consumer", AttributeValue.fromS(CONSUMER))
        .containsEntry("eventId", AttributeValue.fromS("evt-1"))
        .containsEntry("state", AttributeValue.fromS("COMPLETED"))
        .containsEntry("version", AttributeValue.fromN("2"))
        .doesNotContainKey("lockedUntil");
    assertThat(item.get("ttl").n())
        .isEqualTo(Long.toString(clock.instant().plus(Duration.ofDays(7)).getEpochSecond()));
  }

  @Test
  void releasedClaim_isGone_andTheNextDeliveryClaimsAgain() {
    // given
    ProcessedEvents.Claim.Claimed first =
        (ProcessedEvents.Claim.Claimed) processed.claim(CONSUMER, "evt-2", LOCK);

    // when
    processed.release(first);

    // then
    assertThat(item("evt-2")).isEmpty();
    assertThat(processed.claim(CONSUMER, "evt-2", LOCK))
        .isInstanceOf(ProcessedEvents.Claim.Claimed.class);
  }

  @Test
  void claimOfADeliveryThatDied_isTakenOverOnceItsLockExpired_andTheDeadOneCannotComplete() {
    // given: a delivery claimed the event and its function died (no complete, no release)
    ProcessedEvents.Claim.Claimed dead =
        (ProcessedEvents.Claim.Claimed) processed.claim(CONSUMER, "evt-3", LOCK);

    // when: Lambda retries after the lock expired
    clock.advance(LOCK.plusMillis(1));
    ProcessedEvents.Claim retry = processed.claim(CONSUMER, "evt-3", LOCK);
    processed.complete(dead);

    // then: the retry owns it; the dead delivery's late complete changes nothing
    assertThat(retry).isInstanceOf(ProcessedEvents.Claim.Claimed.class);
    assertThat(item("evt-3")).containsEntry("state", AttributeValue.fromS("IN_PROGRESS"));
    processed.complete((ProcessedEvents.Claim.Claimed) retry);
    assertThat(item("evt-3")).containsEntry("state", AttributeValue.fromS("COMPLETED"));
  }

  @Test
  void recordPastItsTtl_countsAsAbsent_beforeDynamoDbDeletesIt() {
    // given
    processed.complete((ProcessedEvents.Claim.Claimed) processed.claim(CONSUMER, "evt-4", LOCK));

    // when
    clock.advance(Duration.ofDays(7).plusSeconds(1));

    // then
    assertThat(processed.claim(CONSUMER, "evt-4", LOCK))
        .isInstanceOf(ProcessedEvents.Claim.Claimed.class);
  }

  @Test
  void consumersAreRecordedApart_andAnIdThatIsNotPlainIsHashedIntoTheKey() {
    // when
    processed.complete((ProcessedEvents.Claim.Claimed) processed.claim(CONSUMER, "evt-5", LOCK));

    // then
    assertThat(processed.claim("dev.topgun.testing.Other", "evt-5", LOCK))
        .isInstanceOf(ProcessedEvents.Claim.Claimed.class);
    assertThat(ProcessedEvents.pk(CONSUMER, "evt-5"))
        .isEqualTo("EVENT#dev.topgun.testing.SomeConsumer#evt-5");
    assertThat(ProcessedEvents.pk(CONSUMER, "a#b c")).matches("EVENT#[^#]+#sha256-[0-9a-f]{64}");
  }

  private Map<String, AttributeValue> item(String eventId) {
    return TABLE
        .client()
        .getItem(
            r ->
                r.tableName(TABLE.name())
                    .consistentRead(true)
                    .key(ProcessedEvents.key(ProcessedEvents.pk(CONSUMER, eventId))))
        .item();
  }
}
