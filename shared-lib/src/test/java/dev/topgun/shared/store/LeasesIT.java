package dev.topgun.shared.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.testing.LocalTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Leases in a local table; each {@link Leases} with its own fixed clock plays one function. */
class LeasesIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
  static final Duration TTL = Duration.ofDays(1);
  static final Duration LOCK = Duration.ofSeconds(30);
  static final Map<String, AttributeValue> OWN = Map.of("owner", AttributeValue.fromS("test"));

  private final ItemKey key = ItemKey.of(Keys.of("LEASE", Ids.newId()), "LEASE");

  @Test
  void givenTenClaimsAtOnce_exactlyOneWins_andTheOthersSeeItHeld() throws Exception {
    // given
    Leases leases = at(START);

    // when
    List<Concurrently.Outcome<Leases.Claim>> outcomes =
        Concurrently.run(10, i -> () -> leases.claim(key, "Lease", OWN, TTL, LOCK));

    // then
    assertThat(outcomes).allSatisfy(o -> assertThat(o.succeeded()).isTrue());
    assertThat(outcomes)
        .extracting(Concurrently.Outcome::result)
        .filteredOn(Leases.Claim.Claimed.class::isInstance)
        .hasSize(1);
    assertThat(outcomes)
        .extracting(Concurrently.Outcome::result)
        .filteredOn(Leases.Claim.Held.class::isInstance)
        .hasSize(9)
        .allSatisfy(
            claim -> {
              Map<String, AttributeValue> item = ((Leases.Claim.Held) claim).item();
              assertThat(Leases.completed(item)).isFalse();
              assertThat(Leases.lockedUntil(item)).contains(START.plus(LOCK));
              assertThat(item).containsEntry("owner", AttributeValue.fromS("test"));
            });
  }

  @Test
  void staleClaim_isTakenOverOnceItsLockExpired_andItsHolderCanNeitherCompleteNorRelease() {
    // given: a holder that died mid-work
    Leases.Claim.Claimed dead = claimed(at(START).claim(key, "Lease", OWN, TTL, LOCK));

    // when
    Leases.Claim beforeExpiry = at(START.plus(LOCK)).claim(key, "Lease", OWN, TTL, LOCK);
    Leases later = at(START.plus(LOCK).plusMillis(1));
    Leases.Claim afterExpiry = later.claim(key, "Lease", OWN, TTL, LOCK);

    // then
    assertThat(beforeExpiry).isInstanceOf(Leases.Claim.Held.class);
    Leases.Claim.Claimed retry = claimed(afterExpiry);
    assertThat(retry.lockToken()).isNotEqualTo(dead.lockToken());
    assertThat(later.complete(dead, Map.of())).isFalse();
    assertThat(later.release(dead)).isFalse();
    assertThat(item()).containsEntry(Leases.STATE, AttributeValue.fromS(Leases.IN_PROGRESS));
    assertThat(later.complete(retry, Map.of("result", AttributeValue.fromN("7")))).isTrue();
    assertThat(item())
        .containsEntry(Leases.STATE, AttributeValue.fromS(Leases.COMPLETED))
        .containsEntry("result", AttributeValue.fromN("7"))
        .containsEntry(TopgunTable.VERSION, AttributeValue.fromN("2"))
        .doesNotContainKey(Leases.LOCKED_UNTIL);
  }

  @Test
  void completedItem_isHeldUntilItsTtl_thenClaimedAfresh() {
    // given
    Leases leases = at(START);
    leases.complete(claimed(leases.claim(key, "Lease", OWN, TTL, LOCK)), Map.of());

    // when
    Leases.Claim withinTtl = at(START.plus(TTL)).claim(key, "Lease", OWN, TTL, LOCK);
    Leases.Claim pastTtl = at(START.plus(TTL).plusSeconds(1)).claim(key, "Lease", OWN, TTL, LOCK);

    // then
    assertThat(withinTtl)
        .isInstanceOfSatisfying(
            Leases.Claim.Held.class, held -> assertThat(Leases.completed(held.item())).isTrue());
    assertThat(pastTtl).isInstanceOf(Leases.Claim.Claimed.class);
  }

  @Test
  void releasedClaim_deletesTheItem_andTheNextClaimWins() {
    // given
    Leases leases = at(START);
    Leases.Claim.Claimed first = claimed(leases.claim(key, "Lease", OWN, TTL, LOCK));

    // when
    boolean released = leases.release(first);

    // then
    assertThat(released).isTrue();
    assertThat(item()).isEmpty();
    assertThat(leases.claim(key, "Lease", OWN, TTL, LOCK)).isInstanceOf(Leases.Claim.Claimed.class);
  }

  @Test
  void ownersAttributes_mayNotReplaceWhatTheLeaseSets() {
    Leases leases = at(START);

    assertThatThrownBy(
            () ->
                leases.claim(
                    key, "Lease", Map.of(Leases.STATE, AttributeValue.fromS("X")), TTL, LOCK))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                leases.complete(
                    new Leases.Claim.Claimed(key, "token"),
                    Map.of(TopgunTable.TTL, AttributeValue.fromN("0"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Leases at(Instant now) {
    return new Leases(TABLE.client(), TABLE.table(), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static Leases.Claim.Claimed claimed(Leases.Claim claim) {
    assertThat(claim).isInstanceOf(Leases.Claim.Claimed.class);
    return (Leases.Claim.Claimed) claim;
  }

  private Map<String, AttributeValue> item() {
    return TABLE
        .client()
        .getItem(r -> r.tableName(TABLE.name()).key(key.toAttributeMap()).consistentRead(true))
        .item();
  }
}
