package dev.topgun.shared.tenancy;

import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.CursorCodec;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.TopgunTable;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.Unique;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The root of the tenant tree: the one {@code top_branch} organization (slug {@code operator}) and
 * its first owner. Created once, never through the API: the local runtime calls {@link #ensure} on
 * start; in AWS the operator runs the one-time setup command (README, "First operator"), which
 * calls it with the operator's Cognito {@code sub}. Running it again finds the root by its slug and
 * changes nothing but a missing owner membership.
 */
public final class RootOrganization {

  public static final String SLUG = "operator";
  public static final String NAME = "Topgun operator";

  /** The organizations function's slug marker kind, so that no child can take this slug. */
  public static final String SLUG_KIND = "org-slug";

  private static final Logger LOG = LoggerFactory.getLogger(RootOrganization.class);

  private RootOrganization() {}

  /**
   * Creates the root and makes {@code operatorId} its owner, unless they exist.
   *
   * @return the root organization's id
   */
  public static String ensure(
      DynamoDbClient dynamo, String table, String operatorId, String operatorEmail) {
    TopgunTable topgun = new TopgunTable(table);
    Clock clock = Clock.systemUTC();
    SingleTableStore store = new SingleTableStore(dynamo, topgun, clock, new CursorCodec(""));
    TransactionalWriter writer = new TransactionalWriter(dynamo, topgun, clock);
    Unique slug = Unique.of(SLUG_KIND, SLUG);
    Optional<ItemKey> existing = store.uniqueOwner(slug);
    String id;
    if (existing.isPresent()) {
      id = existing.get().pk().substring(existing.get().pk().indexOf('#') + 1);
    } else {
      id = Ids.newId();
      Transaction tx = writer.begin();
      OrganizationItem root = OrganizationItem.of(id, NAME, SLUG, "top_branch", null);
      tx.create(OrganizationItem.SCHEMA, root);
      tx.claim(slug, root.key());
      tx.commit();
      LOG.info("created the root organization {} ({})", id, SLUG);
    }
    if (store.get(MembershipItem.SCHEMA, TenancyKeys.membership(id, operatorId)).isEmpty()) {
      try {
        Transaction tx = writer.begin();
        tx.create(
            MembershipItem.SCHEMA,
            MembershipItem.of(new Membership(id, operatorId, Role.OWNER, Set.of(), operatorEmail)));
        tx.reserve(TenancyKeys.counters(id), TenancyKeys.OWNERS, 1, Integer.MAX_VALUE);
        tx.commit();
      } catch (ItemAlreadyExistsException raced) {
        // Another start wrote it first: the same membership.
      }
    }
    return id;
  }
}
