package dev.topgun.shared.entitlements;

import dev.topgun.shared.store.Counters;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.SingleTableStore;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Usage of a license's pool, as conditional counters on the pool's organization ({@code
 * PK=ORG#<pool>, SK=COUNTER#usage}, one attribute per {@link Limit#counter()}): a domain that
 * creates a limited resource {@link #reserve}s it first — one conditional UpdateItem, so of any
 * number of concurrent creations exactly as many as the limit allows succeed — and {@link
 * #release}s it when the creation fails or the resource goes. Over the limit is {@link
 * dev.topgun.shared.store.LimitExceededException} (409 {@code limit-exceeded} with the limit and
 * usage).
 *
 * <p>Reserve before the write and release when the write fails: a crash in between leaves a slot
 * counted, never a resource uncounted.
 */
@Singleton
public class Usage {

  static final String USAGE = "usage";

  private final Counters counters;
  private final SingleTableStore store;

  public Usage(Counters counters, SingleTableStore store) {
    this.counters = counters;
    this.store = store;
  }

  /**
   * Reserves {@code n} of {@code limit} on the entitlements' pool; nothing when unlimited.
   *
   * @return the threshold this reservation crossed (80 % or 100 % of the limit), if it crossed one:
   *     each crossing is reported by exactly the one reservation that made it, so a notice sent for
   *     it goes once per crossing (and again only after usage fell below and rose past it)
   */
  public Optional<ThresholdCrossed> reserve(Entitlements entitlements, Limit limit, long n) {
    OptionalLong max = entitlements.limit(limit);
    String counter = counter(limit);
    if (max.isEmpty() || n < 1) {
      return Optional.empty();
    }
    long after = counters.reserve(key(entitlements.poolOrgId()), counter, n, max.getAsLong());
    return ThresholdCrossed.between(
        entitlements.poolOrgId(), limit, after - n, after, max.getAsLong());
  }

  /**
   * Runs {@code write} holding {@code n} of {@code limit} in the pool: the one way a domain creates
   * a limited resource. The slot is reserved first (so of any number of concurrent writes exactly
   * as many as the limit allows get one) and given back if {@code write} throws, so no caller
   * writes compensation of its own. {@code write} receives the threshold this reservation crossed,
   * if any, to put {@link LimitThresholdCrossedV1} in the outbox of its own transaction: the event
   * then exists exactly when the change does. (A crash between the reservation and the write leaves
   * the slot counted: over-counting, never under-counting.)
   *
   * <pre>{@code
   * usage.reserving(pool, Limit.MAX_SERVERS, 1, crossed -> store.create(server, audit, crossed));
   * }</pre>
   *
   * @throws dev.topgun.shared.store.LimitExceededException the pool has no room ({@code write} is
   *     not run)
   */
  public <T> T reserving(
      Entitlements pool, Limit limit, long n, Function<Optional<ThresholdCrossed>, T> write) {
    Optional<ThresholdCrossed> crossed = reserve(pool, limit, n);
    try {
      return write.apply(crossed);
    } catch (RuntimeException | Error failed) {
      release(pool, limit, n);
      throw failed;
    }
  }

  /**
   * Runs {@code write} holding every amount of {@code amounts} in the pool, as {@link
   * #reserving(Entitlements, Limit, long, Function)} does for one: each is reserved in turn (a
   * rate, or an amount below 1, reserves nothing), all given back when a later one does not fit or
   * {@code write} throws. {@code write} receives the thresholds the reservations crossed, in order.
   *
   * @throws dev.topgun.shared.store.LimitExceededException one of them has no room ({@code write}
   *     is not run; what was reserved before is given back)
   */
  public <T> T reserving(
      Entitlements pool, Map<Limit, Long> amounts, Function<List<ThresholdCrossed>, T> write) {
    return reservingEach(pool, List.copyOf(amounts.entrySet()), 0, List.of(), write);
  }

  private <T> T reservingEach(
      Entitlements pool,
      List<Map.Entry<Limit, Long>> amounts,
      int next,
      List<ThresholdCrossed> crossed,
      Function<List<ThresholdCrossed>, T> write) {
    if (next == amounts.size()) {
      return write.apply(crossed);
    }
    Limit limit = amounts.get(next).getKey();
    long n = amounts.get(next).getValue();
    if (limit.counter().isEmpty() || n < 1) {
      return reservingEach(pool, amounts, next + 1, crossed, write);
    }
    return reserving(
        pool,
        limit,
        n,
        reported -> {
          List<ThresholdCrossed> more = new ArrayList<>(crossed);
          reported.ifPresent(more::add);
          return reservingEach(pool, amounts, next + 1, more, write);
        });
  }

  /** Gives every counted amount of {@code amounts} back to the pool (never below zero). */
  public void release(Entitlements pool, Map<Limit, Long> amounts) {
    amounts.forEach(
        (limit, n) -> {
          if (limit.counter().isPresent()) {
            release(pool, limit, n);
          }
        });
  }

  /** Gives {@code n} of {@code limit} back to the entitlements' pool (never below zero). */
  public void release(Entitlements entitlements, Limit limit, long n) {
    if (entitlements.isUnlimited() || entitlements.limit(limit).isEmpty() || n < 1) {
      return;
    }
    counters.release(key(entitlements.poolOrgId()), counter(limit), n);
  }

  /** The pool's current usage of every counted limit (one strongly consistent read). */
  public Map<Limit, Long> all(String poolOrgId) {
    Map<Limit, Long> usage = new EnumMap<>(Limit.class);
    Map<String, AttributeValue> item =
        store.batchGet(List.of(key(poolOrgId))).getOrDefault(key(poolOrgId), Map.of());
    for (Limit limit : Limit.values()) {
      limit
          .counter()
          .ifPresent(
              c -> {
                AttributeValue value = item.get(c);
                usage.put(
                    limit, value == null || value.n() == null ? 0L : Long.parseLong(value.n()));
              });
    }
    return usage;
  }

  /** The pool's current usage of {@code limit}. */
  public long current(String poolOrgId, Limit limit) {
    return counters.current(key(poolOrgId), counter(limit));
  }

  /** The pool's counter item. */
  public static ItemKey key(String poolOrgId) {
    return new ItemKey(Keys.org(poolOrgId), Keys.of("COUNTER", USAGE));
  }

  private static String counter(Limit limit) {
    return limit
        .counter()
        .orElseThrow(() -> new IllegalArgumentException(limit.value() + " is a rate, not counted"));
  }
}
