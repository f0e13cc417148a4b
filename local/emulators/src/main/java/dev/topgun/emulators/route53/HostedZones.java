package dev.topgun.emulators.route53;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The local Route 53's hosted zones, kept in {@code <dir>/hosted-zones.json}. Reads are lock-free
 * off an immutable state; changes are serialised, written to disk (a new file moved over the old
 * one) and only then published, to the API and to the name server at once.
 */
public final class HostedZones {

  /** How many changes {@code GetChange} remembers (the oldest are forgotten first). */
  static final int CHANGES_KEPT = 1000;

  private static final char[] ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
  private static final int ID_LENGTH = 20;

  /**
   * A change as {@code ChangeInfo} reports it. It is {@code PENDING} in the answer of the call that
   * made it and {@code INSYNC} to {@code GetChange}: the name server answers with it at once.
   */
  public record ChangeInfo(String id, Instant submittedAt, String comment) {}

  /** A new zone and the change that made it. */
  public record Created(HostedZone zone, ChangeInfo change) {}

  /** Everything, immutable; zones in creation order. */
  record State(
      Map<String, HostedZone> zones,
      Set<String> callerReferences,
      Map<String, ChangeInfo> changes,
      Map<String, ServedZones.Zone> served,
      ServedZones servedZones) {

    static State of(
        Map<String, HostedZone> zones,
        Set<String> callerReferences,
        Map<String, ChangeInfo> changes,
        Map<String, ServedZones.Zone> served) {
      return new State(
          unmodifiable(zones),
          Set.copyOf(callerReferences),
          unmodifiable(changes),
          unmodifiable(served),
          ServedZones.of(served.values()));
    }

    private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
  }

  private final HostedZonesFile file;
  private final Clock clock;
  private final Random random;
  private volatile State state;

  private HostedZones(HostedZonesFile file, Clock clock, Random random, State state) {
    this.file = file;
    this.clock = clock;
    this.random = random;
    this.state = state;
  }

  /** Opens the zones kept in {@code dir}, or none on first use. */
  public static HostedZones open(Path dir) {
    return open(dir, Clock.systemUTC(), new SecureRandom());
  }

  static HostedZones open(Path dir, Clock clock, Random random) {
    HostedZonesFile file = new HostedZonesFile(dir);
    return new HostedZones(file, clock, random, file.read());
  }

  /**
   * {@code CreateHostedZone}.
   *
   * @throws Route53Error {@code InvalidDomainName}, or {@code HostedZoneAlreadyExists} when a zone
   *     was made with this caller reference before (even one deleted since)
   */
  public synchronized Created create(String name, String callerReference, String comment) {
    DomainName zoneName;
    try {
      zoneName = DomainName.parse(name);
    } catch (DomainName.InvalidNameException e) {
      throw new Route53Error(400, "InvalidDomainName", name + " is not a valid domain name.");
    }
    if (zoneName.labels() == 0) {
      throw new Route53Error(400, "InvalidDomainName", "The root domain cannot be a hosted zone.");
    }
    State now = state;
    if (now.callerReferences().contains(callerReference)) {
      throw new Route53Error(
          409,
          "HostedZoneAlreadyExists",
          "A hosted zone has already been created with the specified caller reference.");
    }
    ChangeInfo change = newChange(comment);
    HostedZone zone =
        HostedZone.create(
            newId('Z', now.zones()), zoneName, callerReference, comment, change.submittedAt());
    Map<String, HostedZone> zones = new LinkedHashMap<>(now.zones());
    zones.put(zone.id(), zone);
    Set<String> references = new LinkedHashSet<>(now.callerReferences());
    references.add(callerReference);
    Map<String, ServedZones.Zone> served = new LinkedHashMap<>(now.served());
    served.put(zone.id(), ServedZones.Zone.of(zone));
    publish(State.of(zones, references, withChange(now, change), served));
    return new Created(zone, change);
  }

  /**
   * {@code GetHostedZone}.
   *
   * @throws Route53Error {@code NoSuchHostedZone}
   */
  public HostedZone get(String id) {
    HostedZone zone = state.zones().get(id);
    if (zone == null) {
      throw Route53Error.noSuchHostedZone(id);
    }
    return zone;
  }

  /**
   * {@code DeleteHostedZone}.
   *
   * @throws Route53Error {@code NoSuchHostedZone}, or {@code HostedZoneNotEmpty} while it holds
   *     more than its SOA and apex NS sets
   */
  public synchronized ChangeInfo delete(String id) {
    State now = state;
    HostedZone zone = get(id);
    if (!zone.holdsOnlyRequiredSets()) {
      throw new Route53Error(
          400,
          "HostedZoneNotEmpty",
          "The specified hosted zone contains non-required resource record sets and so cannot be"
              + " deleted.");
    }
    ChangeInfo change = newChange(null);
    Map<String, HostedZone> zones = new LinkedHashMap<>(now.zones());
    zones.remove(id);
    Map<String, ServedZones.Zone> served = new LinkedHashMap<>(now.served());
    served.remove(id);
    publish(State.of(zones, now.callerReferences(), withChange(now, change), served));
    return change;
  }

  /**
   * {@code ChangeResourceRecordSets}: the whole batch, or nothing.
   *
   * @throws Route53Error {@code NoSuchHostedZone}
   * @throws InvalidChangeBatchException with every problem of the batch
   */
  public synchronized ChangeInfo change(String id, List<Change> changes, String comment) {
    State now = state;
    HostedZone changed = get(id).apply(changes);
    ChangeInfo change = newChange(comment);
    Map<String, HostedZone> zones = new LinkedHashMap<>(now.zones());
    zones.put(id, changed);
    Map<String, ServedZones.Zone> served = new LinkedHashMap<>(now.served());
    served.put(id, ServedZones.Zone.of(changed));
    publish(State.of(zones, now.callerReferences(), withChange(now, change), served));
    return change;
  }

  /**
   * {@code GetChange}.
   *
   * @throws Route53Error {@code NoSuchChange}
   */
  public ChangeInfo change(String changeId) {
    ChangeInfo change = state.changes().get(changeId);
    if (change == null) {
      throw new Route53Error(
          404, "NoSuchChange", "A change with the specified change ID does not exist.");
    }
    return change;
  }

  /** Every zone, by id ({@code ListHostedZones}'s order here). */
  public List<HostedZone> byId() {
    List<HostedZone> zones = new ArrayList<>(state.zones().values());
    zones.sort(Comparator.comparing(HostedZone::id));
    return zones;
  }

  /** Every zone by name, labels reversed, then by id ({@code ListHostedZonesByName}). */
  public List<HostedZone> byName() {
    List<HostedZone> zones = new ArrayList<>(state.zones().values());
    zones.sort(Comparator.comparing(HostedZone::name).thenComparing(HostedZone::id));
    return zones;
  }

  /** What the name server answers from now. */
  public ServedZones served() {
    return state.servedZones();
  }

  private void publish(State next) {
    file.write(next);
    state = next;
  }

  private ChangeInfo newChange(String comment) {
    return new ChangeInfo(newId('C', state.changes()), clock.instant(), comment);
  }

  private static Map<String, ChangeInfo> withChange(State now, ChangeInfo change) {
    Map<String, ChangeInfo> changes = new LinkedHashMap<>(now.changes());
    changes.put(change.id(), change);
    while (changes.size() > CHANGES_KEPT) {
      changes.remove(changes.keySet().iterator().next());
    }
    return changes;
  }

  /** Route 53's shape of id: a letter and upper-case letters and digits. */
  private String newId(char prefix, Map<String, ?> taken) {
    while (true) {
      StringBuilder id = new StringBuilder(ID_LENGTH + 1).append(prefix);
      for (int i = 0; i < ID_LENGTH; i++) {
        id.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
      }
      if (!taken.containsKey(id.toString())) {
        return id.toString();
      }
    }
  }
}
