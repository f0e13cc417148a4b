package dev.topgun.emulators.route53;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A public hosted zone and its record sets, immutable: {@link #apply} gives a new zone with a whole
 * change batch applied, or refuses the batch with every message Route 53 would give, so that no
 * change of a refused batch is ever seen.
 *
 * <p>Record sets are ordered as {@code ListResourceRecordSets} lists them: by name with its labels
 * reversed ({@link DomainName#sortKey()}), then by type.
 */
public final class HostedZone {

  /** The name servers of every local zone (the zone's NS set and its delegation set). */
  public static final List<String> NAME_SERVERS =
      List.of(
          "ns1.route53.localhost.",
          "ns2.route53.localhost.",
          "ns3.route53.localhost.",
          "ns4.route53.localhost.");

  /** Route 53's SOA for a new zone (its serial stays 1), with local name servers. */
  static final String SOA_VALUE =
      "ns1.route53.localhost. hostmaster.route53.localhost. 1 7200 900 1209600 86400";

  static final long SOA_TTL = 900;
  static final long NS_TTL = 172800;

  /** A record set's place in its zone. */
  record Key(DomainName name, String type) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byName = name.compareTo(other.name);
      return byName != 0 ? byName : type.compareTo(other.type);
    }
  }

  private final String id;
  private final DomainName name;
  private final String callerReference;
  private final String comment;
  private final Instant created;
  private final NavigableMap<Key, RecordSet> sets;

  HostedZone(
      String id,
      DomainName name,
      String callerReference,
      String comment,
      Instant created,
      NavigableMap<Key, RecordSet> sets) {
    this.id = id;
    this.name = name;
    this.callerReference = callerReference;
    this.comment = comment;
    this.created = created;
    this.sets = Collections.unmodifiableNavigableMap(new TreeMap<>(sets));
  }

  /** A new zone with the SOA and NS sets Route 53 creates with every zone. */
  static HostedZone create(
      String id, DomainName name, String callerReference, String comment, Instant created) {
    NavigableMap<Key, RecordSet> sets = new TreeMap<>();
    put(sets, RecordSet.of(name, "SOA", SOA_TTL, List.of(SOA_VALUE)));
    put(sets, RecordSet.of(name, "NS", NS_TTL, NAME_SERVERS));
    return new HostedZone(id, name, callerReference, comment, created, sets);
  }

  private static void put(Map<Key, RecordSet> sets, RecordSet set) {
    sets.put(new Key(set.name(), set.type()), set);
  }

  /**
   * The zone with every change applied in order (a DELETE then a CREATE of one set replaces it).
   *
   * @throws InvalidChangeBatchException with every problem, in Route 53's words, when any change
   *     cannot be made; then nothing is changed
   */
  public HostedZone apply(List<Change> changes) {
    List<String> messages = new ArrayList<>();
    TreeMap<Key, RecordSet> working = new TreeMap<>(sets);
    Map<Key, List<Change.Action>> actions = actionsBySet(changes);
    for (Change change : changes) {
      DomainName setName;
      try {
        setName = DomainName.parse(change.name());
      } catch (DomainName.InvalidNameException e) {
        messages.add(e.problem(change.name()));
        continue;
      }
      Key key = new Key(setName, change.type());
      List<Change.Action> onSet = actions.get(key);
      if (onSet.size() > 1 && !onSet.equals(List.of(Change.Action.DELETE, Change.Action.CREATE))) {
        String message =
            "The request contains an invalid set of changes for a resource record set '"
                + change.type()
                + " "
                + setName
                + "'";
        if (!messages.contains(message)) {
          messages.add(message);
        }
        continue;
      }
      if (!setName.within(name)) {
        messages.add("RRSet with DNS name " + setName + " is not permitted in zone " + name);
        continue;
      }
      RecordSet set;
      try {
        set = RecordSet.of(setName, change.type(), change.ttl(), change.values());
      } catch (RecordSet.InvalidRecordException e) {
        messages.addAll(e.problems());
        continue;
      }
      String refused = typeRule(change.action(), set);
      if (refused != null) {
        messages.add(refused);
        continue;
      }
      RecordSet current = working.get(key);
      switch (change.action()) {
        case CREATE -> {
          if (current != null) {
            messages.add("Tried to create resource record set " + set + " but it already exists");
          } else if (conflict(working, set) != null) {
            messages.add(conflict(working, set));
          } else {
            working.put(key, set);
          }
        }
        case DELETE -> {
          if (current == null) {
            messages.add("Tried to delete resource record set " + set + " but it was not found");
          } else if (!current.sameAs(set)) {
            messages.add(
                "Tried to delete resource record set "
                    + set
                    + " but the values provided do not match the current values");
          } else {
            working.remove(key);
          }
        }
        case UPSERT -> {
          if (conflict(working, set) != null) {
            messages.add(conflict(working, set));
          } else {
            working.put(key, set);
          }
        }
      }
    }
    if (!messages.isEmpty()) {
      throw new InvalidChangeBatchException(messages);
    }
    return new HostedZone(id, name, callerReference, comment, created, working);
  }

  private static Map<Key, List<Change.Action>> actionsBySet(List<Change> changes) {
    Map<Key, List<Change.Action>> actions = new HashMap<>();
    for (Change change : changes) {
      try {
        actions
            .computeIfAbsent(
                new Key(DomainName.parse(change.name()), change.type()), k -> new ArrayList<>())
            .add(change.action());
      } catch (DomainName.InvalidNameException e) {
        // reported when the change itself is read
      }
    }
    return actions;
  }

  /** What Route 53 allows of each type where; {@code null} when the change may be made. */
  private String typeRule(Change.Action action, RecordSet set) {
    boolean apex = set.name().equals(name);
    switch (set.type()) {
      case "SOA" -> {
        if (!apex || action != Change.Action.UPSERT || set.values().size() != 1) {
          return "A HostedZone must contain exactly one SOA record.";
        }
      }
      case "NS" -> {
        if (apex && action == Change.Action.DELETE) {
          return "A HostedZone must contain at least one NS record for the zone itself.";
        }
      }
      case "CNAME" -> {
        if (apex) {
          return "RRSet of type CNAME with DNS name "
              + set.name()
              + " is not permitted at apex in zone "
              + name;
        }
        if (set.values().size() > 1) {
          return "RRSet of type CNAME with DNS name "
              + set.name()
              + " is not permitted because a CNAME record set can have only one value";
        }
      }
      default -> {
        // no rule of its own
      }
    }
    return null;
  }

  /** A CNAME owns its name alone: no other type beside it (RFC 1034, and Route 53 says so). */
  private String conflict(NavigableMap<Key, RecordSet> working, RecordSet set) {
    for (RecordSet other : setsNamed(working, set.name())) {
      boolean clash =
          !other.type().equals(set.type())
              && (set.type().equals("CNAME") || other.type().equals("CNAME"));
      if (clash) {
        return "RRSet of type "
            + set.type()
            + " with DNS name "
            + set.name()
            + " is not permitted as it conflicts with other records with the same DNS name in zone "
            + name;
      }
    }
    return null;
  }

  private static List<RecordSet> setsNamed(NavigableMap<Key, RecordSet> sets, DomainName name) {
    return List.copyOf(
        sets.subMap(new Key(name, ""), true, new Key(name, "\uffff"), true).values());
  }

  /** Only the SOA and the apex NS set, which Route 53 deletes with the zone. */
  boolean holdsOnlyRequiredSets() {
    return sets.keySet().stream()
        .allMatch(
            key ->
                key.name().equals(name) && (key.type().equals("SOA") || key.type().equals("NS")));
  }

  /** The record sets from {@code (name, type)} on, in listing order. */
  List<RecordSet> recordSetsFrom(DomainName startName, String startType) {
    if (startName == null) {
      return List.copyOf(sets.values());
    }
    return List.copyOf(
        sets.tailMap(new Key(startName, startType == null ? "" : startType), true).values());
  }

  public List<RecordSet> recordSets() {
    return List.copyOf(sets.values());
  }

  /** The zone id without Route 53's {@code /hostedzone/} prefix, e.g. {@code Z0123...}. */
  public String id() {
    return id;
  }

  public DomainName name() {
    return name;
  }

  public String callerReference() {
    return callerReference;
  }

  /** The comment of {@code HostedZoneConfig}, or {@code null}. */
  public String comment() {
    return comment;
  }

  public Instant created() {
    return created;
  }

  public int recordSetCount() {
    return sets.size();
  }
}
