package dev.topgun.licensing.domain;

import dev.topgun.shared.events.Event;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.store.Revision;
import dev.topgun.shared.store.VersionConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Licenses} port in memory, for the services' unit tests: a small, faithful fake of the
 * store. Like the table, a change requires the license at the revision read (else {@link
 * VersionConflictException} and nothing is written) and bumps it; a new license claims its key and
 * the organization's current license, as read ({@link ItemAlreadyExistsException} when another came
 * first, a conflict when the one it replaces changed); each write keeps its events and audit
 * action, which only a write that happened has. {@link #beforeNextWrite} changes a license between
 * a service's read and its write, as a concurrent request would.
 */
final class InMemoryLicenses implements Licenses {

  final Map<String, License> licenses = new LinkedHashMap<>();
  final Map<String, CurrentLicense> current = new HashMap<>();
  final Map<String, String> keys = new HashMap<>();
  final List<Event> events = new ArrayList<>();
  final List<String> actions = new ArrayList<>();
  int writes;
  RuntimeException failNextWrite;
  private final List<Runnable> interference = new ArrayList<>();

  /** Runs {@code change} once, just before the next write checks its revision. */
  void beforeNextWrite(Runnable change) {
    interference.add(change);
  }

  /** A license as another request changed it meanwhile: at its next version. */
  void touch(String licenseId) {
    License l = licenses.get(licenseId);
    licenses.put(licenseId, at(l, new Revision(l.revision().version() + 1, "touched")));
  }

  License get(String licenseId) {
    return licenses.get(licenseId);
  }

  List<String> eventNames() {
    return events.stream().map(Event::name).toList();
  }

  @Override
  public Optional<License> find(String licenseId) {
    return Optional.ofNullable(licenses.get(licenseId));
  }

  @Override
  public Optional<License> findByKey(String key) {
    return Optional.ofNullable(keys.get(key)).map(licenses::get);
  }

  @Override
  public Optional<CurrentLicense> current(String orgId) {
    return Optional.ofNullable(current.get(orgId));
  }

  @Override
  public Page<License> list(String orgId, Paging paging) {
    List<License> of =
        licenses.values().stream()
            .filter(l -> l.orgId().equals(orgId))
            .sorted(Comparator.comparing(License::id).reversed())
            .limit(paging.limit())
            .toList();
    return new Page<>(of, null);
  }

  @Override
  public List<License> issuedBy(String issuerOrgId) {
    return licenses.values().stream().filter(l -> issuerOrgId.equals(l.issuerOrgId())).toList();
  }

  @Override
  public List<License> due(Instant at, int max) {
    return licenses.values().stream()
        .filter(l -> l.nextNoticeAt().map(due -> !due.isAfter(at)).orElse(false))
        .sorted(Comparator.comparing(l -> l.nextNoticeAt().orElseThrow()))
        .limit(max)
        .toList();
  }

  @Override
  public License issue(License license, Optional<CurrentLicense> replaced, LicenseChange change) {
    interfere();
    CurrentLicense holding = current.get(license.orgId());
    ItemKey currentKey = new ItemKey("ORG#" + license.orgId(), "LICENSE");
    if (replaced.isEmpty() && holding != null || keys.containsKey(license.key())) {
      throw new ItemAlreadyExistsException(currentKey);
    }
    if (replaced.isPresent() && !replaced.get().revision().equals(holding.revision())) {
      throw new VersionConflictException(
          currentKey, replaced.get().revision().version(), holding.revision().version());
    }
    License stored = at(license, new Revision(1, "created"));
    long currentVersion = holding == null ? 1 : holding.revision().version() + 1;
    current.put(
        license.orgId(),
        new CurrentLicense(license.id(), license.status(), new Revision(currentVersion, "c")));
    keys.put(license.key(), license.id());
    return written(stored, change);
  }

  @Override
  public License change(License license, LicenseChange change) {
    interfere();
    License stored = bumped(license);
    CurrentLicense holding = current.get(license.orgId());
    if (holding != null && holding.licenseId().equals(license.id())) {
      Revision next = new Revision(holding.revision().version() + 1, "c");
      current.put(license.orgId(), new CurrentLicense(license.id(), license.status(), next));
    }
    return written(stored, change);
  }

  @Override
  public License announce(License license, Event announcement) {
    interfere();
    License stored = bumped(license);
    licenses.put(stored.id(), stored);
    events.add(announcement);
    writes++;
    return stored;
  }

  private void interfere() {
    if (!interference.isEmpty()) {
      interference.remove(0).run();
    }
    if (failNextWrite != null) {
      RuntimeException failure = failNextWrite;
      failNextWrite = null;
      throw failure;
    }
  }

  private License bumped(License license) {
    License stored = licenses.get(license.id());
    if (stored == null || !stored.revision().equals(license.revision())) {
      throw new VersionConflictException(
          new ItemKey("ORG#" + license.orgId(), "LICENSE#" + license.id()),
          license.revision().version(),
          stored == null ? null : stored.revision().version());
    }
    return at(
        license, new Revision(license.revision().version() + 1, stored.revision().createdAt()));
  }

  private License written(License stored, LicenseChange change) {
    licenses.put(stored.id(), stored);
    events.addAll(change.events());
    actions.add(change.action());
    writes++;
    return stored;
  }

  private static License at(License l, Revision revision) {
    return new License(
        l.id(),
        l.orgId(),
        l.issuerOrgId(),
        l.key(),
        l.terms(),
        l.status(),
        l.suspendedBy(),
        l.document(),
        l.kid(),
        l.noticeSent(),
        revision);
  }
}
