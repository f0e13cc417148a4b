package dev.topgun.branding.store;

import dev.topgun.branding.domain.Claim;
import dev.topgun.branding.domain.HostnameStatus;
import dev.topgun.shared.branding.HostnameItem;
import dev.topgun.shared.store.Revision;
import java.time.Instant;
import java.util.List;

/** Claims to and from {@link HostnameItem}s. */
final class HostnameMapper {

  /** GSI1 partition of verified lookup items, sorted by when they were last checked. */
  static final String VERIFIED_PARTITION = "HOSTNAMES#verified";

  private HostnameMapper() {}

  static Claim claim(HostnameItem item) {
    return new Claim(
        item.getHostname(),
        item.getOrgId(),
        HostnameStatus.of(item.getStatus()),
        item.getToken(),
        instant(item.getCreatedAt()),
        instant(item.getVerifiedAt()),
        instant(item.getCheckedAt()),
        item.getLineage() == null ? List.of(item.getOrgId()) : item.getLineage(),
        Revision.of(item));
  }

  static HostnameItem owned(Claim claim, Revision revision) {
    return fill(HostnameItem.owned(claim.orgId(), claim.hostname()), claim, revision, false);
  }

  static HostnameItem lookup(Claim claim, Revision revision) {
    return fill(HostnameItem.lookup(claim.orgId(), claim.hostname()), claim, revision, true);
  }

  private static HostnameItem fill(
      HostnameItem item, Claim claim, Revision revision, boolean indexed) {
    revision.stamp(item);
    item.setStatus(claim.status().value());
    item.setToken(claim.token());
    item.setVerifiedAt(text(claim.verifiedAt()));
    item.setCheckedAt(text(claim.checkedAt()));
    item.setLineage(claim.lineage());
    if (indexed && claim.status() == HostnameStatus.VERIFIED) {
      item.setGsi1pk(VERIFIED_PARTITION);
      item.setGsi1sk(text(claim.checkedAt()) + "#" + claim.hostname());
    }
    if (claim.status() == HostnameStatus.SUSPENDED) {
      item.setSuspendedAt(text(claim.checkedAt()));
    }
    return item;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
