package dev.topgun.licensing.domain;

import dev.topgun.shared.events.Event;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Licenses as the domain reads and changes them (the store implements it). Every write is one
 * atomic write holding the license, the organization's current license when it is that one (what
 * every domain's entitlements read), the audit entry and the events of the change; a change
 * requires the license at the revision it was read at, else it throws {@code
 * dev.topgun.shared.store.VersionConflictException} and writes nothing.
 */
public interface Licenses {

  /** A license by id, read consistently. */
  Optional<License> find(String licenseId);

  /** The license a canonical key opens, read consistently: a revoke counts at the next read. */
  Optional<License> findByKey(String key);

  /** Which license the organization holds now, if any (revoked ones too). */
  Optional<CurrentLicense> current(String orgId);

  /** The organization's licenses, newest first. */
  Page<License> list(String orgId, Paging paging);

  /** The licenses carved from {@code issuerOrgId}'s pool (eventually consistent). */
  List<License> issuedBy(String issuerOrgId);

  /**
   * Up to {@code max} licenses whose next notice falls due at or before {@code at}, oldest first.
   */
  List<License> due(Instant at, int max);

  /**
   * Stores a new license as its organization's current one, replacing {@code replaced} (a revoked
   * one, as read) if there is one.
   *
   * @throws dev.topgun.shared.store.ItemAlreadyExistsException the organization got a license
   *     concurrently
   */
  License issue(License license, Optional<CurrentLicense> replaced, LicenseChange change);

  /** Writes a changed license. */
  License change(License license, LicenseChange change);

  /** Writes that {@code license} was announced, with the announcement, and no audit entry. */
  License announce(License license, Event announcement);
}
