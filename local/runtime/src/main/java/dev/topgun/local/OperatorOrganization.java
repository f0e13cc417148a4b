package dev.topgun.local;

import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.CursorCodec;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.TopgunTable;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.Unique;
import dev.topgun.shared.tenancy.Membership;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.tenancy.TenancyKeys;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The root of the tenant tree on this machine: one {@code top_branch} organization (slug {@code
 * operator}) owned by the seeded operator, created on first start and found again by its slug
 * afterwards. In AWS the first operator is created by the one-time setup path instead.
 */
final class OperatorOrganization {

  static final String SLUG = "operator";
  static final String NAME = "Topgun operator";
  // The organizations function's uniqueness marker kind for slugs, so that no child takes this one.
  private static final String SLUG_KIND = "org-slug";

  private static final Logger LOG = LoggerFactory.getLogger(OperatorOrganization.class);

  private OperatorOrganization() {}

  /**
   * @return the root organization's id
   */
  static String ensure(DynamoDbClient dynamo, String table, String operatorId) {
    TopgunTable topgun = new TopgunTable(table);
    Clock clock = Clock.systemUTC();
    SingleTableStore store = new SingleTableStore(dynamo, topgun, clock, new CursorCodec(""));
    Unique slug = Unique.of(SLUG_KIND, SLUG);
    Optional<ItemKey> existing = store.uniqueOwner(slug);
    String id;
    if (existing.isPresent()) {
      id = existing.get().pk().substring(existing.get().pk().indexOf('#') + 1);
    } else {
      id = Ids.newId();
      new TransactionalWriter(dynamo, topgun, clock)
          .create(
              OrganizationItem.SCHEMA,
              OrganizationItem.of(id, NAME, SLUG, "top_branch", null),
              List.of(slug));
      LOG.info("created the root organization {} ({})", id, SLUG);
    }
    ItemKey membership = TenancyKeys.membership(id, operatorId);
    if (store.get(MembershipItem.SCHEMA, membership).isEmpty()) {
      try {
        store.create(
            MembershipItem.SCHEMA, MembershipItem.of(new Membership(id, operatorId, Role.OWNER)));
      } catch (ItemAlreadyExistsException raced) {
        // Another start wrote it first: the same membership.
      }
    }
    return id;
  }
}
