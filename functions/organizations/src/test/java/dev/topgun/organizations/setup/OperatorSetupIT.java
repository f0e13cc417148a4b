package dev.topgun.organizations.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.store.CursorCodec;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Unique;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.RootOrganization;
import dev.topgun.shared.tenancy.TenancyKeys;
import dev.topgun.shared.testing.LocalTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one-time setup command against a local table: the root and its owner, once. */
class OperatorSetupIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  @Test
  void createsTheRootAndItsOwner_once() {
    // given
    String[] args = {
      "--table", TABLE.name(),
      "--region", LocalTable.REGION.id(),
      "--endpoint", TABLE.endpoint().toString(),
      "--sub", "first-operator",
      "--email", "ops@example.test"
    };
    System.setProperty("aws.accessKeyId", LocalTable.ACCESS_KEY_ID);
    System.setProperty("aws.secretAccessKey", LocalTable.SECRET_ACCESS_KEY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // when
    int first =
        OperatorSetup.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    int second =
        OperatorSetup.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    // then
    assertThat(first).isZero();
    assertThat(second).isZero();
    SingleTableStore store =
        new SingleTableStore(TABLE.client(), TABLE.table(), Clock.systemUTC(), new CursorCodec(""));
    String rootKey =
        store
            .uniqueOwner(Unique.of(RootOrganization.SLUG_KIND, RootOrganization.SLUG))
            .orElseThrow()
            .pk();
    String root = rootKey.substring(rootKey.indexOf('#') + 1);
    assertThat(
            store
                .get(OrganizationItem.SCHEMA, TenancyKeys.organization(root))
                .orElseThrow()
                .getHierarchyType())
        .isEqualTo("top_branch");
    assertThat(
            store
                .get(MembershipItem.SCHEMA, TenancyKeys.membership(root, "first-operator"))
                .orElseThrow()
                .getRole())
        .isEqualTo("owner");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("root organization: " + root);
    assertThat(
            TABLE
                .client()
                .getItem(
                    r -> r.tableName(TABLE.name()).key(TenancyKeys.counters(root).toAttributeMap()))
                .item()
                .get(TenancyKeys.OWNERS)
                .n())
        .isEqualTo("1");
  }

  @Test
  void withoutTheRequiredOptions_exits2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        OperatorSetup.run(
            new String[] {"--table", "t"},
            System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--sub is required");
  }
}
