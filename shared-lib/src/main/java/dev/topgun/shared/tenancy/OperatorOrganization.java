package dev.topgun.shared.tenancy;

import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Unique;
import jakarta.inject.Singleton;

/**
 * The id of the operator's organization (the root, found by its slug marker, see {@link
 * RootOrganization}), for endpoints only the operator may call. Read once per function instance:
 * the root never changes.
 */
@Singleton
public class OperatorOrganization {

  private final SingleTableStore store;
  private volatile String id;

  public OperatorOrganization(SingleTableStore store) {
    this.store = store;
  }

  /**
   * @throws NotFoundException before the operator's one-time setup has run
   */
  public String id() {
    String known = id;
    if (known == null) {
      ItemKey key =
          store
              .uniqueOwner(Unique.of(RootOrganization.SLUG_KIND, RootOrganization.SLUG))
              .orElseThrow(NotFoundException::new);
      known = key.pk().substring(key.pk().indexOf('#') + 1);
      id = known;
    }
    return known;
  }
}
