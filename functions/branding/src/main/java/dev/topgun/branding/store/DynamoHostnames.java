package dev.topgun.branding.store;

import dev.topgun.branding.domain.BrandChange;
import dev.topgun.branding.domain.Claim;
import dev.topgun.branding.domain.HostnameRuleException;
import dev.topgun.branding.domain.Hostnames;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.branding.BrandingKeys;
import dev.topgun.shared.branding.HostnameItem;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.events.Outbox;
import dev.topgun.shared.store.Index;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.Revision;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.TenancyDirectory;
import dev.topgun.shared.tenancy.TenancyKeys;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Claims as two {@link HostnameItem}s written together: the owner's and the global lookup, which is
 * created only if absent, so of concurrent claims of one hostname exactly one commits.
 */
@Singleton
public class DynamoHostnames implements Hostnames {

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final TenancyDirectory directory;

  public DynamoHostnames(
      SingleTableStore store,
      TransactionalWriter writer,
      AuditTrail audit,
      Outbox outbox,
      TenancyDirectory directory) {
    this.store = store;
    this.writer = writer;
    this.audit = audit;
    this.outbox = outbox;
    this.directory = directory;
  }

  @Override
  public List<String> subtree(String orgId) {
    List<String> ids = new ArrayList<>();
    ids.add(orgId);
    store.forEach(
        ClosureItem.SCHEMA,
        TenancyKeys.descendants(orgId),
        item -> ids.add(item.getDescendantId()));
    return ids;
  }

  @Override
  public List<String> lineage(String orgId) {
    List<String> ids = new ArrayList<>();
    ids.add(orgId);
    ids.addAll(directory.ancestors(orgId));
    return ids;
  }

  @Override
  public Optional<Claim> find(String hostname) {
    return store
        .get(HostnameItem.SCHEMA, BrandingKeys.hostnameLookup(hostname))
        .map(HostnameMapper::claim);
  }

  @Override
  public List<Claim> of(String orgId) {
    List<Claim> claims = new ArrayList<>();
    store.forEach(
        HostnameItem.SCHEMA,
        Query.partition(Keys.org(orgId))
            .skBeginsWith(BrandingKeys.ownedHostnamePrefix())
            .consistent(),
        item -> claims.add(HostnameMapper.claim(item)));
    return claims;
  }

  @Override
  public void claim(Claim claim, BrandChange change, Optional<ThresholdCrossed> crossed) {
    Transaction tx = writer.begin();
    tx.create(HostnameItem.SCHEMA, HostnameMapper.lookup(claim, Revision.NEW));
    tx.create(HostnameItem.SCHEMA, HostnameMapper.owned(claim, Revision.NEW));
    record(tx, claim, change);
    try {
      tx.commit();
    } catch (ItemAlreadyExistsException e) {
      throw new HostnameRuleException(
          HostnameRuleException.TAKEN,
          claim.hostname() + " is already claimed by another organization");
    }
  }

  @Override
  public void update(Claim claim, BrandChange change) {
    Transaction tx = writer.begin();
    tx.update(HostnameItem.SCHEMA, HostnameMapper.lookup(claim, claim.revision()));
    HostnameItem owned =
        store
            .get(HostnameItem.SCHEMA, BrandingKeys.ownedHostname(claim.orgId(), claim.hostname()))
            .orElseThrow();
    tx.update(HostnameItem.SCHEMA, HostnameMapper.owned(claim, Revision.of(owned)));
    if (change != null) {
      record(tx, claim, change);
    }
    tx.commit();
  }

  @Override
  public void release(Claim claim, BrandChange change) {
    Transaction tx = writer.begin();
    tx.delete(BrandingKeys.hostnameLookup(claim.hostname()));
    tx.delete(BrandingKeys.ownedHostname(claim.orgId(), claim.hostname()));
    record(tx, claim, change);
    tx.commit();
  }

  @Override
  public List<Claim> verifiedCheckedBefore(Instant before, int max) {
    return store
        .query(
            HostnameItem.SCHEMA,
            Query.on(Index.GSI1, HostnameMapper.VERIFIED_PARTITION)
                .skBetween("0", before.toString())
                .limit(max))
        .items()
        .stream()
        .map(HostnameMapper::claim)
        .toList();
  }

  private void record(Transaction tx, Claim claim, BrandChange change) {
    audit.record(
        tx,
        change.audit(),
        claim.orgId(),
        change.action(),
        "hostname:" + claim.hostname(),
        change.details());
    outbox.addAll(tx, change.events());
  }
}
