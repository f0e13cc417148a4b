package dev.topgun.emulators.route53;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The hosted zones as the name server reads them: immutable, made anew for each change, so that a
 * query sees a whole change batch or none of it.
 */
public final class ServedZones {

  /** No zones: every query is refused. */
  public static final ServedZones NONE = new ServedZones(List.of());

  private final List<Zone> zones;

  private ServedZones(List<Zone> zones) {
    this.zones = zones;
  }

  /**
   * @param zones in creation order: when two zones have one name (Route 53 allows it), the older
   *     answers
   */
  static ServedZones of(Collection<Zone> zones) {
    List<Zone> sorted = new ArrayList<>(zones);
    // Most specific first, so that a delegated sub-zone answers for its names; stable, so that
    // the older of two zones of one name comes first.
    sorted.sort(Comparator.comparingInt((Zone zone) -> zone.apex().labels()).reversed());
    return new ServedZones(List.copyOf(sorted));
  }

  /** The most specific zone {@code name} is in, or {@code null}. */
  Zone find(Name name) {
    for (Zone zone : zones) {
      if (name.subdomain(zone.apex())) {
        return zone;
      }
    }
    return null;
  }

  /** One zone's records by owner and type, and the names that exist in it. */
  static final class Zone {

    private final Name apex;
    private final Map<Name, Map<Integer, RRset>> nodes;
    private final Set<Name> existing;
    private final Set<Name> cuts;

    private Zone(
        Name apex, Map<Name, Map<Integer, RRset>> nodes, Set<Name> existing, Set<Name> cuts) {
      this.apex = apex;
      this.nodes = nodes;
      this.existing = existing;
      this.cuts = cuts;
    }

    static Zone of(HostedZone hosted) {
      Name apex = hosted.name().dns();
      Map<Name, Map<Integer, RRset>> nodes = new HashMap<>();
      Set<Name> existing = new HashSet<>();
      Set<Name> cuts = new HashSet<>();
      for (RecordSet set : hosted.recordSets()) {
        Name owner = set.name().dns();
        RRset rrset = new RRset();
        for (Record record : set.records()) {
          rrset.addRR(record);
        }
        nodes.computeIfAbsent(owner, n -> new HashMap<>()).put(set.dnsType(), rrset);
        if (set.dnsType() == Type.NS && !owner.equals(apex)) {
          cuts.add(owner);
        }
        // The owner and every name between it and the apex exist (empty non-terminals answer
        // NODATA, not NXDOMAIN).
        for (Name name = owner; name.subdomain(apex); name = new Name(name, 1)) {
          if (!existing.add(name) || name.equals(apex)) {
            break;
          }
        }
      }
      existing.add(apex);
      return new Zone(apex, Map.copyOf(nodes), Set.copyOf(existing), Set.copyOf(cuts));
    }

    Name apex() {
      return apex;
    }

    /** The record sets owned by {@code name}, by type; {@code null} when it owns none. */
    Map<Integer, RRset> node(Name name) {
      return nodes.get(name);
    }

    boolean exists(Name name) {
      return existing.contains(name);
    }

    RRset soa() {
      return nodes.get(apex).get(Type.SOA);
    }

    /**
     * The highest delegation (an NS set below the apex) at or above {@code name}, or {@code null}:
     * names at and below it are another server's.
     */
    Name cutAbove(Name name) {
      Name cut = null;
      for (Name at = name; !at.equals(apex) && at.subdomain(apex); at = new Name(at, 1)) {
        if (cuts.contains(at)) {
          cut = at;
        }
      }
      return cut;
    }
  }
}
